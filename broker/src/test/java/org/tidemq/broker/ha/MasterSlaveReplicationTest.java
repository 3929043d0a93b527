package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.broker.ha.HaTestSupport.address;
import static org.tidemq.broker.ha.HaTestSupport.commitLogBytes;
import static org.tidemq.broker.ha.HaTestSupport.openStore;
import static org.tidemq.broker.ha.HaTestSupport.putMany;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.slave.HaClient;
import org.tidemq.broker.ha.slave.ReconnectBackoff;
import org.tidemq.broker.ha.slave.ReplicationState;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.MessageStore;

/** A master and a slave in one JVM over 127.0.0.1, with real stores: the classic HA stream end to end. */
class MasterSlaveReplicationTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AtomicReference<String> masterAddress = new AtomicReference<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private DefaultMessageStore store(String name) throws Exception {
        return track(openStore(dir.resolve(name)));
    }

    private HaMasterServer master(MessageStore store, int port) throws Exception {
        HaMasterServer server = new HaMasterServer(HaTestSupport.haConfig(dir).withListenPort(port), store,
                System::currentTimeMillis, acked -> { });
        store.addDispatcher(request -> server.wakeTransfers());
        server.start();
        masterAddress.set(address(server.localPort()));
        return track(server);
    }

    private HaClient slave(MessageStore store) {
        HaClient client = new HaClient(HaTestSupport.haConfig(dir), store, masterAddress::get,
                new ReconnectBackoff(50, 400));
        client.start();
        return track(client);
    }

    private static void awaitCaughtUp(MessageStore master, MessageStore slave) {
        await().atMost(CATCH_UP).until(() -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
    }

    private static void assertSamePrefix(MessageStore master, MessageStore slave) {
        long end = slave.getMaxPhyOffset();
        assertTrue(end > 0);
        assertEquals(master.getMinPhyOffset(), slave.getMinPhyOffset());
        assertArrayEquals(commitLogBytes(master, master.getMinPhyOffset(), end),
                commitLogBytes(slave, slave.getMinPhyOffset(), end), "slave CommitLog is a byte-identical prefix");
    }

    private static String body(MessageStore store, String topic, int queueId, long offset) {
        try (GetMessageResult result = store.getMessage(topic, queueId, offset, 1, 1 << 20, MessageFilter.ALL)) {
            assertEquals(GetMessageStatus.FOUND, result.status(), topic + "/" + queueId + "@" + offset);
            return TestBrokers.text(StoredMessageDecoder.decodeOne(result.messages().get(0).buffer()).body());
        }
    }

    @Test
    void messagesAppendedOnTheMasterAppearByteIdenticalOnTheSlaveAndInItsQueues() throws Exception {
        DefaultMessageStore masterStore = store("master");
        DefaultMessageStore slaveStore = store("slave");
        master(masterStore, 0);
        HaClient client = slave(slaveStore);
        await().atMost(CATCH_UP).until(() -> client.state() == ReplicationState.REPLICATING);

        putMany(masterStore, "T", "a", 400);
        assertTrue(masterStore.getMaxPhyOffset() > 3L * HaTestSupport.SEGMENT_BYTES, "spans segments and fillers");

        awaitCaughtUp(masterStore, slaveStore);
        assertSamePrefix(masterStore, slaveStore);
        for (int queue = 0; queue < 4; queue++) {
            int q = queue;
            await().atMost(CATCH_UP).until(() -> slaveStore.getMaxOffsetInQueue("T", q) == 100);
        }
        for (long offset : new long[] {0, 57, 99}) {
            assertEquals(body(masterStore, "T", 3, offset), body(slaveStore, "T", 3, offset));
        }
        assertTrue(body(slaveStore, "T", 3, 99).startsWith("a-399-"));
    }

    @Test
    void aRestartedSlaveResumesFromItsOwnOffsetWithoutHolesOrDuplicates() throws Exception {
        DefaultMessageStore masterStore = store("master");
        master(masterStore, 0);
        DefaultMessageStore slaveStore = openStore(dir.resolve("slave"));
        HaClient client = slave(slaveStore);
        putMany(masterStore, "T", "a", 100);
        awaitCaughtUp(masterStore, slaveStore);
        long slaveEnd = slaveStore.getMaxPhyOffset();
        opened.remove(client);
        client.close();
        slaveStore.shutdown();

        putMany(masterStore, "T", "b", 100);
        DefaultMessageStore reopened = store("slave");
        assertEquals(slaveEnd, reopened.getMaxPhyOffset(), "the slave kept what it had");
        slave(reopened);

        awaitCaughtUp(masterStore, reopened);
        assertSamePrefix(masterStore, reopened);
        await().atMost(CATCH_UP).until(() -> reopened.getMaxOffsetInQueue("T", 1) == 50);
        assertTrue(body(reopened, "T", 1, 24).startsWith("a-97-"));
        assertTrue(body(reopened, "T", 1, 25).startsWith("b-1-"));
    }

    @Test
    void theSlaveReconnectsToARestartedMasterAndContinues() throws Exception {
        DefaultMessageStore masterStore = openStore(dir.resolve("master"));
        HaMasterServer server = new HaMasterServer(HaTestSupport.haConfig(dir), masterStore,
                System::currentTimeMillis, acked -> { });
        masterStore.addDispatcher(request -> server.wakeTransfers());
        server.start();
        int port = server.localPort();
        masterAddress.set(address(port));
        DefaultMessageStore slaveStore = store("slave");
        HaClient client = slave(slaveStore);
        putMany(masterStore, "T", "a", 60);
        awaitCaughtUp(masterStore, slaveStore);

        server.close();
        masterStore.shutdown();
        await().atMost(CATCH_UP).until(() -> client.state() == ReplicationState.DISCONNECTED);

        DefaultMessageStore restarted = store("master");
        master(restarted, port);
        putMany(restarted, "T", "b", 60);

        awaitCaughtUp(restarted, slaveStore);
        assertEquals(ReplicationState.REPLICATING, client.state());
        assertSamePrefix(restarted, slaveStore);
        await().atMost(CATCH_UP).until(() -> slaveStore.getMaxOffsetInQueue("T", 0) == 30);
        assertTrue(body(slaveStore, "T", 0, 29).startsWith("b-56-"));
    }

    @Test
    void aSlaveAheadOfANewMasterStopsAndMixesNothing() throws Exception {
        DefaultMessageStore first = openStore(dir.resolve("master-1"));
        HaMasterServer firstServer = new HaMasterServer(HaTestSupport.haConfig(dir), first,
                System::currentTimeMillis, acked -> { });
        first.addDispatcher(request -> firstServer.wakeTransfers());
        firstServer.start();
        masterAddress.set(address(firstServer.localPort()));
        DefaultMessageStore slaveStore = store("slave");
        HaClient client = slave(slaveStore);
        putMany(first, "T", "a", 40);
        awaitCaughtUp(first, slaveStore);
        long slaveEnd = slaveStore.getMaxPhyOffset();
        byte[] slaveBytes = commitLogBytes(slaveStore, 0, slaveEnd);
        firstServer.close();
        first.shutdown();

        DefaultMessageStore replacement = store("master-2");
        putMany(replacement, "T", "new", 5);
        HaMasterServer replacementServer = master(replacement, 0);

        await().atMost(CATCH_UP).until(() -> client.state() == ReplicationState.DIVERGED);
        putMany(replacement, "T", "more", 200);
        assertTrue(replacement.getMaxPhyOffset() > slaveEnd, "the new master now has more bytes than the slave");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> replacementServer.connections().isEmpty());
        assertEquals(ReplicationState.DIVERGED, client.state());
        assertEquals(slaveEnd, slaveStore.getMaxPhyOffset(), "nothing appended");
        assertArrayEquals(slaveBytes, commitLogBytes(slaveStore, 0, slaveEnd), "nothing overwritten");
        assertEquals(-1, replacementServer.highestConnectedAck());
    }

    @Test
    void anAckAboveTheMastersOffsetIsRejectedButAnHonestOneIsKept() throws Exception {
        DefaultMessageStore masterStore = store("master");
        putMany(masterStore, "T", "a", 10);
        HaMasterServer server = master(masterStore, 0);
        long masterEnd = masterStore.getMaxPhyOffset();

        try (Socket stranger = new Socket("127.0.0.1", server.localPort())) {
            new DataOutputStream(stranger.getOutputStream()).writeLong(masterEnd + 1_000);
            DataInputStream in = new DataInputStream(stranger.getInputStream());
            assertEquals(masterEnd, in.readLong(), "answered with the master's own max offset");
            assertEquals(0, in.readInt(), "as a heartbeat");
            assertEquals(-1, in.read(), "then closed");
        }
        assertEquals(-1, server.highestConnectedAck());

        try (Socket honest = new Socket("127.0.0.1", server.localPort())) {
            new DataOutputStream(honest.getOutputStream()).writeLong(masterEnd);
            await().atMost(CATCH_UP).until(() -> server.highestConnectedAck() == masterEnd);
            assertFalse(server.connections().isEmpty());
        }
    }

    @Test
    void anEmptySlaveStartsAtTheMastersLastSegment() throws Exception {
        DefaultMessageStore masterStore = store("master");
        putMany(masterStore, "T", "a", 300);
        long lastSegmentStart = masterStore.getMaxPhyOffset()
                - masterStore.getMaxPhyOffset() % HaTestSupport.SEGMENT_BYTES;
        assertTrue(lastSegmentStart > 0);
        master(masterStore, 0);
        DefaultMessageStore slaveStore = store("slave");
        slave(slaveStore);

        awaitCaughtUp(masterStore, slaveStore);
        assertEquals(lastSegmentStart, slaveStore.getMinPhyOffset());
        assertArrayEquals(commitLogBytes(masterStore, lastSegmentStart, masterStore.getMaxPhyOffset()),
                commitLogBytes(slaveStore, lastSegmentStart, slaveStore.getMaxPhyOffset()));
        assertEquals(slaveStore.getMaxPhyOffset(), slaveStore.commitLog().flush(0),
                "a log starting at a non-zero segment flushes too");
    }
    @Test
    void anIdleMasterSendsHeartbeatFramesAtItsOffset() throws Exception {
        DefaultMessageStore masterStore = store("master");
        putMany(masterStore, "T", "a", 5);
        long masterEnd = masterStore.getMaxPhyOffset();
        HaMasterServer server = track(new HaMasterServer(HaTestSupport.haConfig(dir).withHeartbeatIntervalMs(200),
                masterStore, System::currentTimeMillis, acked -> { }));
        server.start();
        try (Socket caughtUpSlave = new Socket("127.0.0.1", server.localPort())) {
            new DataOutputStream(caughtUpSlave.getOutputStream()).writeLong(masterEnd);
            DataInputStream in = new DataInputStream(caughtUpSlave.getInputStream());
            for (int i = 0; i < 2; i++) {
                assertEquals(masterEnd, in.readLong(), "heartbeat " + i + " carries the master's offset");
                assertEquals(0, in.readInt(), "and no body");
            }
        }
    }

    @Test
    void aSlaveReportsItsOffsetAtConnectAndPeriodicallyWhileIdle() throws Exception {
        DefaultMessageStore slaveStore = store("slave");
        try (ServerSocket fakeMaster = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            masterAddress.set(address(fakeMaster.getLocalPort()));
            HaClient client = track(new HaClient(HaTestSupport.haConfig(dir).withHeartbeatIntervalMs(200), slaveStore,
                    masterAddress::get, new ReconnectBackoff(50, 400)));
            client.start();
            try (Socket accepted = fakeMaster.accept()) {
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                assertEquals(0, in.readLong(), "the first report is the start request");
                assertEquals(0, in.readLong(), "then a heartbeat report without any data received");
            }
        }
    }

    @Test
    void aBusyHaPortIsReportedByName() throws Exception {
        DefaultMessageStore masterStore = store("master");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HaMasterServer server = new HaMasterServer(HaTestSupport.haConfig(dir).withListenPort(
                    taken.getLocalPort()), masterStore, System::currentTimeMillis, acked -> { });
            IllegalStateException error = assertThrows(IllegalStateException.class, server::start);
            assertTrue(error.getMessage().contains("127.0.0.1:" + taken.getLocalPort() + " (haListenPort)"),
                    error.getMessage());
        }
    }
}
