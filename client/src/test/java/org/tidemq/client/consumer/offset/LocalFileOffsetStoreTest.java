package org.tidemq.client.consumer.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFileOffsetStoreTest {
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);

    @TempDir
    Path dir;

    @Test
    void pathFollowsClientIdAndGroup() {
        assertEquals(dir.resolve("10.0.0.1@inst").resolve("CG").resolve("offsets.json"),
                LocalFileOffsetStore.fileFor(dir, "10.0.0.1@inst", "CG"));
    }

    @Test
    void persistedOffsetsSurviveANewInstance() {
        Path file = LocalFileOffsetStore.fileFor(dir, "c", "CG");
        LocalFileOffsetStore store = new LocalFileOffsetStore(file);
        store.load();
        assertEquals(-1, store.read(Q0, OffsetStore.ReadFrom.MEMORY_THEN_STORE), "no file yet");
        store.update(Q0, 40, true);
        store.update(Q1, 9, true);
        store.persistAll(Set.of(Q0)).join();
        store.update(Q0, 41, true);
        store.persistAll(Set.of(Q1)).join();

        LocalFileOffsetStore reopened = new LocalFileOffsetStore(file);
        reopened.load();
        assertEquals(Map.of(Q0, 40L, Q1, 9L), reopened.snapshot(),
                "Q0's first persist stays; its later in-memory update was never persisted");
        assertEquals(9, reopened.read(Q1, OffsetStore.ReadFrom.STORE));
    }

    @Test
    void writesRocketMqsObjectKeyedShape() throws IOException {
        Path file = dir.resolve("offsets.json");
        LocalFileOffsetStore store = new LocalFileOffsetStore(file);
        store.update(Q1, 5, false);
        store.persistAll(Set.of(Q1)).join();

        JsonObject table = JsonReader.parseObject(Files.readAllBytes(file)).object("offsetTable");
        Map.Entry<Object, Object> entry = table.members().entrySet().iterator().next();
        JsonObject key = (JsonObject) entry.getKey();
        assertEquals("broker-a", key.string("brokerName"));
        assertEquals(1, key.intValue("queueId", -1));
        assertEquals("T", key.string("topic"));
        assertEquals(5L, entry.getValue());
    }

    @Test
    void aTornTempFileFromACrashedWriteIsIgnored() throws IOException {
        Path file = dir.resolve("offsets.json");
        LocalFileOffsetStore store = new LocalFileOffsetStore(file);
        store.update(Q0, 12, true);
        store.persistAll(Set.of(Q0)).join();
        // A crash in the middle of the next write leaves a partial temp file beside the intact target.
        Files.writeString(dir.resolve("offsets.json.tmp-1f2e3d"), "{\"offsetTable\":{{\"brokerName\":\"bro");

        LocalFileOffsetStore reopened = new LocalFileOffsetStore(file);
        reopened.load();
        assertEquals(12, reopened.read(Q0, OffsetStore.ReadFrom.MEMORY));
    }

    @Test
    void aCorruptFileIsReportedByName() throws IOException {
        Path file = dir.resolve("offsets.json");
        Files.writeString(file, "{\"offsetTable\":{{\"brokerName\":", StandardCharsets.UTF_8);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new LocalFileOffsetStore(file).load());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void aFailedWriteFailsTheFutureAndLeavesTheTargetAlone() throws IOException {
        // The target is a non-empty directory: renaming the temp file over it must fail.
        Path target = dir.resolve("offsets.json");
        Files.createDirectories(target.resolve("child"));
        LocalFileOffsetStore failing = new LocalFileOffsetStore(target);
        failing.update(Q0, 2, true);

        assertTrue(failing.persistAll(Set.of(Q0)).isCompletedExceptionally());
        assertTrue(Files.isDirectory(target.resolve("child")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temp file was cleaned up");
        }
    }
}
