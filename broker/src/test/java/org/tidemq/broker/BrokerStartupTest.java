package org.tidemq.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mqbroker's command line: -c, -n, -p, -h, bad input, and the boot line. */
class BrokerStartupTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private BrokerStartup startup() {
        return new BrokerStartup(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), TestBrokers.environment(dir));
    }

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "brokerName=broker-x\nbrokerIP1=127.0.0.1\nlistenPort=0\nstorePathRootDir="
                + dir.resolve("store").toString().replace("\\", "/") + "\nmappedFileSizeCommitLog=4194304\n" + extra);
        return file;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printConfigShowsTheEffectiveValuesIncludingNamesrvFromTheCommandLine() throws Exception {
        int exit = BrokerStartup.execute(startup(), new String[] {"-c", config("").toString(), "-n",
                "10.0.0.1:9876;10.0.0.2:9876", "-p"});

        assertEquals(0, exit, err());
        assertTrue(out().contains("brokerName=broker-x\n"), out());
        assertTrue(out().contains("namesrvAddr=10.0.0.1:9876;10.0.0.2:9876\n"), out());
        assertTrue(out().contains("listenPort=0\n"), out());
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, BrokerStartup.execute(startup(), new String[] {"-h"}));
        for (String option : new String[] {"-c", "-n", "-p", "-h"}) {
            assertTrue(out().contains(option), out());
        }
    }

    @Test
    void missingFileAndInvalidValuesFailNamingTheProblem() throws Exception {
        assertEquals(1, BrokerStartup.execute(startup(), new String[] {"-c", dir.resolve("nope").toString()}));
        assertTrue(err().contains("does not exist"), err());

        assertEquals(1, BrokerStartup.execute(startup(), new String[] {"-c", config("listenPort=abc\n").toString()}));
        assertTrue(err().contains("listenPort"), err());
        assertTrue(err().contains("abc"), err());
    }

    @Test
    void startPrintsRocketMqBootLine() throws Exception {
        BrokerStartup startup = startup();
        int exit = BrokerStartup.execute(startup, new String[] {"-c", config("").toString()});
        try {
            assertEquals(0, exit, err());
            BrokerController controller = startup.controller();
            assertNotNull(controller);
            assertEquals("The broker[broker-x, 127.0.0.1:" + controller.listenPort()
                    + "] boot success. serializeType=JSON\n", out());
        } finally {
            if (startup.controller() != null) {
                startup.controller().shutdown();
            }
        }
    }
}
