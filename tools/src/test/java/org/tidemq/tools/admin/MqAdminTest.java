package org.tidemq.tools.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.client.admin.AdminException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Command-line behaviour shared by every command: listing, help, name-server lookup and failure reporting. */
class MqAdminTest {

    @Test
    void noArgumentsListsEveryCommand() {
        FakeCluster cluster = new FakeCluster();

        assertEquals(0, cluster.run());

        for (String command : CommandCatalog.create().keySet()) {
            assertTrue(cluster.out.toString().contains("  " + command + " "), command + "\n" + cluster.out);
        }
        assertEquals(List.of(), cluster.calls);
    }

    @Test
    void helpDocumentsACommandsOptions() {
        FakeCluster cluster = new FakeCluster();

        assertEquals(0, cluster.run("help", "topicStatus"));

        assertTrue(cluster.out.toString().contains("Usage: mqadmin topicStatus"), cluster.out.toString());
        assertTrue(cluster.out.toString().contains("-t, --topic=<topic>"), cluster.out.toString());
        assertTrue(cluster.out.toString().contains("-n, --namesrvAddr=ADDR"), cluster.out.toString());
    }

    @Test
    void unknownCommandAndMissingOptionAreOneLineUsageErrors() {
        FakeCluster unknown = new FakeCluster();
        assertEquals(MqAdmin.EXIT_USAGE, unknown.run("topicLsit", "-n", "ns:9876"));
        assertEquals(1, unknown.err.toString().lines().count(), unknown.err.toString());
        assertTrue(unknown.err.toString().contains("topicLsit"));

        FakeCluster missing = new FakeCluster();
        assertEquals(MqAdmin.EXIT_USAGE, missing.run("topicRoute", "-n", "ns:9876"));
        assertEquals("mqadmin topicRoute: Missing required option: '--topic=<topic>' (see 'mqadmin help topicRoute')",
                missing.err.toString().trim());
        assertEquals(List.of(), missing.calls);
    }

    @Test
    void nameServerComesFromOptionElseEnvironment() {
        FakeCluster fromEnv = new FakeCluster().on("topicList", args -> new TreeSet<>(Set.of("A", "B")));
        assertEquals(0, MqAdmin.run(fromEnv.context(Map.of("NAMESRV_ADDR", "env:9876")), "topicList"));
        assertEquals(List.of("env:9876"), fromEnv.namesrvAddrs);
        assertEquals(List.of("A", "B"), fromEnv.outLines());

        FakeCluster fromOption = new FakeCluster().on("topicList", args -> Set.of());
        assertEquals(0, MqAdmin.run(fromOption.context(Map.of("NAMESRV_ADDR", "env:9876")), "topicList", "-n",
                "opt:9876;opt2:9876"));
        assertEquals(List.of("opt:9876;opt2:9876"), fromOption.namesrvAddrs);
    }

    @Test
    void commandNamesMatchIgnoringCaseAsInApachesTool() {
        FakeCluster cluster = new FakeCluster().on("topicList", args -> new TreeSet<>(Set.of("A")));

        assertEquals(0, cluster.run("TopicList", "-n", "ns:9876"));

        assertEquals(List.of("A"), cluster.outLines());
    }

    @Test
    void missingNameServerIsOneLine() {
        FakeCluster cluster = new FakeCluster();

        assertEquals(MqAdmin.EXIT_FAILURE, cluster.run("topicList"));

        assertEquals("mqadmin topicList: no name server: pass -n host:port or set NAMESRV_ADDR",
                cluster.err.toString().trim());
    }

    @Test
    void clusterFailuresAreOneLineUnlessVerbose() {
        FakeCluster quiet = new FakeCluster().on("topicStats", args -> {
            throw new AdminException("no route for topic T\nSee https://faq for further details.", 17);
        });
        assertEquals(MqAdmin.EXIT_FAILURE, quiet.run("topicStatus", "-t", "T", "-n", "ns:1"));
        assertEquals("mqadmin topicStatus: no route for topic T", quiet.err.toString().trim());
        assertFalse(quiet.err.toString().contains("\tat "));

        FakeCluster verbose = new FakeCluster().on("topicStats", args -> {
            throw new AdminException("no route for topic T", 17);
        });
        assertEquals(MqAdmin.EXIT_FAILURE, verbose.run("topicStatus", "-t", "T", "-n", "ns:1", "--verbose"));
        assertTrue(verbose.err.toString().startsWith("mqadmin topicStatus: no route for topic T"));
        assertTrue(verbose.err.toString().contains("\tat "), verbose.err.toString());
    }
}
