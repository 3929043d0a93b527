package org.tidemq.broker.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.json.JsonObject;

class JsonConfigFileTest {

    @TempDir
    Path dir;

    private static final Function<JsonObject, Long> VALUE = json -> {
        if (!json.has("v")) {
            throw new IllegalArgumentException("member 'v' missing");
        }
        return json.longValue("v", -1);
    };

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void firstStartLoadsNothing() throws IOException {
        assertEquals(Optional.empty(), new JsonConfigFile(dir.resolve("config/x.json")).load(VALUE));
    }

    @Test
    void writeKeepsThePreviousVersionAsBackup() throws IOException {
        JsonConfigFile file = new JsonConfigFile(dir.resolve("config/x.json"));
        file.write(utf8("{\"v\":1}"));
        assertFalse(Files.exists(file.backupFile()), "no backup before a second write");
        file.write(utf8("{\"v\":2}"));
        assertArrayEquals(utf8("{\"v\":2}"), Files.readAllBytes(file.file()));
        assertArrayEquals(utf8("{\"v\":1}"), Files.readAllBytes(file.backupFile()));
        assertEquals(dir.resolve("config/x.json.bak"), file.backupFile());
        assertEquals(Optional.of(2L), file.load(VALUE));
        try (var files = Files.list(dir.resolve("config"))) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
    }

    @Test
    void corruptFileWithoutBackupFailsNamingTheFile() throws IOException {
        Path path = dir.resolve("x.json");
        Files.writeString(path, "{\"v\":1");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> new JsonConfigFile(path).load(VALUE));
        assertEquals(path, e.file());
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void undecodableFileFallsBackToBackup() throws IOException {
        Path path = dir.resolve("x.json");
        Files.writeString(path, "{\"other\":true}");
        Files.writeString(dir.resolve("x.json.bak"), "{\"v\":7}");
        assertEquals(Optional.of(7L), new JsonConfigFile(path).load(VALUE));
    }

    @Test
    void missingOrEmptyFileFallsBackToBackup() throws IOException {
        Path path = dir.resolve("x.json");
        Files.writeString(dir.resolve("x.json.bak"), "{\"v\":8}");
        assertEquals(Optional.of(8L), new JsonConfigFile(path).load(VALUE));
        Files.writeString(path, "  ");
        assertEquals(Optional.of(8L), new JsonConfigFile(path).load(VALUE));
    }

    @Test
    void corruptFileAndCorruptBackupFailNamingTheBackup() throws IOException {
        Path path = dir.resolve("x.json");
        Files.writeString(path, "garbage");
        Files.writeString(dir.resolve("x.json.bak"), "also garbage");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> new JsonConfigFile(path).load(VALUE));
        assertEquals(dir.resolve("x.json.bak"), e.file());
        assertEquals(1, e.getSuppressed().length, "the primary file's problem is kept");
    }
}
