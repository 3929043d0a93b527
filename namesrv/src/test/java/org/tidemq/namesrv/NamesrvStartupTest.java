package org.tidemq.namesrv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesrvStartupTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NamesrvStartup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEffectiveConfigFromFile() throws Exception {
        Path file = dir.resolve("namesrv.properties");
        Files.writeString(file, "listenPort=19876\norderMessageEnable=true\nlistenPrt=1\n");
        assertEquals(0, run("-c", file.toString(), "-p"));
        assertTrue(out().contains("\nlistenPort=19876\n"), out());
        assertTrue(out().contains("\norderMessageEnable=true\n"), out());
        assertTrue(err().contains("unknown config key 'listenPrt' is ignored"), err());
    }

    @Test
    void invalidValueFailsNamingKeyAndValue() throws Exception {
        Path file = dir.resolve("namesrv.properties");
        Files.writeString(file, "listenPort=98765\n");
        assertEquals(1, run("-c", file.toString()));
        assertEquals("mqnamesrv: invalid value '98765' for listenPort: must be in 0..65535\n", err());
        assertEquals("", out());
    }

    @Test
    void missingConfigFileIsNamed() {
        assertEquals(1, run("-c", dir.resolve("absent.properties").toString()));
        assertTrue(err().contains("absent.properties does not exist"), err());
    }

    @Test
    void corruptKvFileStopsStartupNamingTheFile() throws Exception {
        Path kv = dir.resolve("kvConfig.json");
        Files.writeString(kv, "{broken");
        Path file = dir.resolve("namesrv.properties");
        Files.writeString(file, "listenPort=0\nbindAddress=127.0.0.1\nkvConfigPath=" + kv + "\n");
        assertEquals(1, run("-c", file.toString()));
        assertTrue(err().contains("cannot load KV config file " + kv), err());
        assertEquals("", out());
    }

    @Test
    void bootsAndPrintsExactlyTheBootLine() throws Exception {
        Path file = dir.resolve("namesrv.properties");
        Files.writeString(file, "listenPort=0\nbindAddress=127.0.0.1\nkvConfigPath=" + dir.resolve("kv.json") + "\n");
        NamesrvStartup startup = new NamesrvStartup(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        startup.configFile = file;
        try {
            assertEquals(0, startup.call());
            int port = startup.controller().localPort();
            assertEquals("The Name Server boot success. serializeType=JSON, address 127.0.0.1:" + port + "\n",
                    out().replace("\r\n", "\n"));
        } finally {
            startup.controller().shutdown();
        }
    }

    @Test
    void helpListsOptions() {
        assertEquals(0, run("-h"));
        assertTrue(out().contains("--configFile"), out());
        assertTrue(out().contains("--printConfigItem"), out());
    }
}
