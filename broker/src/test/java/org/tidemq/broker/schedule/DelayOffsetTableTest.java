package org.tidemq.broker.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.persist.ConfigFileException;

/** delayOffset.json as RocketMQ brokers write it: bare integer level keys, with or without a dataVersion. */
class DelayOffsetTableTest {
    @TempDir
    Path root;

    private void write(String json) throws Exception {
        Path file = DelayOffsetTable.fileIn(root);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void loadsAFastjsonFileWithoutDataVersionAndWritesItBackInTheSameShape() throws Exception {
        write("{\"offsetTable\":{1:5,3:12}}");

        DelayOffsetTable table = DelayOffsetTable.load(root, () -> 42);

        assertEquals(5, table.offset(1));
        assertEquals(0, table.offset(2));
        assertEquals(12, table.offset(3));
        table.advance(2, 1);
        assertTrue(table.persistIfChanged());
        String written = Files.readString(DelayOffsetTable.fileIn(root), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"offsetTable\":{1:5,2:1,3:12}"), written);
        assertEquals(1, DelayOffsetTable.load(root, () -> 43).offset(2), "reloaded from the written file");
    }

    @Test
    void aLevelBelowOneIsRefusedNamingTheFile() throws Exception {
        write("{\"offsetTable\":{0:5}}");

        ConfigFileException error = assertThrows(ConfigFileException.class, () -> DelayOffsetTable.load(root, () -> 0));

        assertTrue(error.getMessage().contains(DelayOffsetTable.FILE_NAME), error.getMessage());
        write("{\"offsetTable\":{1:5}}");
        assertEquals(5, DelayOffsetTable.load(root, () -> 0).offset(1), "negative control");
    }
}
