package org.tidemq.namesrv.kv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvConfigStoreTest {
    @TempDir
    Path dir;

    @Test
    void persistsAndReloads() throws Exception {
        Path file = dir.resolve("namesrv/kvConfig.json");
        KvConfigStore store = KvConfigStore.load(file);
        assertNull(store.get("ns", "k"));
        store.put("ns", "k", "v1");
        store.put("ns", "k", "v2");
        store.put("ORDER_TOPIC_CONFIG", "TopicA", "broker-a:4;broker-b:4");
        assertTrue(store.delete("ns", "k"));
        store.put("ns", "other", "x \"quoted\"");
        assertFalse(store.delete("ns", "missing"));

        KvConfigStore reloaded = KvConfigStore.load(file);
        assertNull(reloaded.get("ns", "k"));
        assertEquals("x \"quoted\"", reloaded.get("ns", "other"));
        assertEquals(Map.of("TopicA", "broker-a:4;broker-b:4"), reloaded.namespace("ORDER_TOPIC_CONFIG"));
        assertNull(reloaded.namespace("absent"));
        assertEquals("{\"configTable\":{\"ORDER_TOPIC_CONFIG\":{\"TopicA\":\"broker-a:4;broker-b:4\"},"
                + "\"ns\":{\"other\":\"x \\\"quoted\\\"\"}}}", Files.readString(file));
    }

    @Test
    void loadsRocketMqWrittenFile() throws Exception {
        Path file = dir.resolve("kvConfig.json");
        // RocketMQ's KVConfigSerializeWrapper as fastjson writes it (pretty printed by toJson(true) in some versions).
        Files.writeString(file, "{\n\t\"configTable\":{\n\t\t\"ORDER_TOPIC_CONFIG\":{\n\t\t\t\"TopicA\":\"broker-a:8\"\n\t\t}\n\t}\n}");
        assertEquals("broker-a:8", KvConfigStore.load(file).get("ORDER_TOPIC_CONFIG", "TopicA"));
    }

    @Test
    void corruptFileFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("kvConfig.json");
        Files.writeString(file, "{\"configTable\":{\"ns\":{\"k\":");
        KvConfigLoadException e = assertThrows(KvConfigLoadException.class, () -> KvConfigStore.load(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), e.getMessage());

        Files.writeString(file, "{\"configTable\":{\"ns\":[1,2]}}");
        KvConfigLoadException shape = assertThrows(KvConfigLoadException.class, () -> KvConfigStore.load(file));
        assertTrue(shape.getMessage().contains("configTable.ns"), shape.getMessage());
    }

    @Test
    void failedWriteRollsBackMemoryAndKeepsOldFile() throws Exception {
        Path file = dir.resolve("kvConfig.json");
        KvConfigStore healthy = KvConfigStore.load(file);
        healthy.put("ns", "k", "old");
        String before = Files.readString(file);

        KvConfigStore failing = KvConfigStore.load(file, (target, content) -> {
            throw new IOException("disk full (simulated)");
        });
        IOException putFailure = assertThrows(IOException.class, () -> failing.put("ns", "k", "new"));
        assertEquals("disk full (simulated)", putFailure.getMessage());
        assertEquals("old", failing.get("ns", "k"), "memory rolled back");
        assertThrows(IOException.class, () -> failing.put("fresh", "k", "v"));
        assertNull(failing.namespace("fresh"), "a namespace created by the failed put is gone again");
        assertThrows(IOException.class, () -> failing.delete("ns", "k"));
        assertEquals("old", failing.get("ns", "k"));
        assertEquals(before, Files.readString(file));
    }
}
