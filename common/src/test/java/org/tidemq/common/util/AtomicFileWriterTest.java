package org.tidemq.common.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void createsParentsAndReplacesContent() throws IOException {
        Path target = dir.resolve("a/b/config.json");
        AtomicFileWriter.write(target, "first".getBytes(StandardCharsets.UTF_8));
        assertEquals("first", Files.readString(target));
        AtomicFileWriter.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("second, longer", Files.readString(target));
        assertEquals(1, listing(target.getParent()), "no temp files left behind");
    }

    @Test
    void failedWriteLeavesOldFileIntactAndNoTempFile() throws IOException {
        Path target = dir.resolve("config.json");
        AtomicFileWriter.write(target, "old content".getBytes(StandardCharsets.UTF_8));
        IOException failure = assertThrows(IOException.class, () -> AtomicFileWriter.write(target, out -> {
            out.write("new half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", failure.getMessage());
        assertEquals("old content", Files.readString(target));
        assertEquals(1, listing(dir));
    }

    @Test
    void negativeControlInPlaceWriteWouldHaveLostTheOldContent() throws IOException {
        // Shows the check above can fail: writing straight into the target leaves a torn file.
        Path target = dir.resolve("torn.json");
        Files.writeString(target, "old content");
        try (var out = Files.newOutputStream(target)) {
            out.write("new half".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("new half", Files.readString(target));
    }

    private static long listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
