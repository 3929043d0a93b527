package org.tidemq.store.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreDiskUsageProbeTest {

    @TempDir
    Path dir;

    @Test
    void reportsTheUsedFractionOfTheFileSystem() throws IOException {
        double ratio = new FileStoreDiskUsageProbe().usedRatio(dir);
        File file = dir.toFile();
        double expected = (double) (file.getTotalSpace() - file.getUsableSpace()) / file.getTotalSpace();
        assertTrue(ratio > 0 && ratio < 1, "ratio " + ratio);
        // Other processes write meanwhile; a percent point is far more than they move in between.
        assertEquals(expected, ratio, 0.01);
    }

    @Test
    void measuresADirectoryNotCreatedYetOnItsParentsFileSystem() throws IOException {
        FileStoreDiskUsageProbe probe = new FileStoreDiskUsageProbe();
        assertEquals(probe.usedRatio(dir), probe.usedRatio(dir.resolve("store/commitlog")), 0.01);
    }
}
