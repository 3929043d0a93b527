package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.broker.ha.HaTestSupport.commitLogBytes;
import static org.tidemq.broker.ha.HaTestSupport.message;
import static org.tidemq.broker.ha.HaTestSupport.openStore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfigException;
import org.tidemq.broker.config.ReplicationConfig;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.master.SlaveConnection;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.ha.status.HaRuntimeInfo.SlaveIdentityView;
import org.tidemq.broker.persist.ExecutorPeriodicScheduler;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;

/**
 * "The master trusts no stranger": a SYNC_MASTER with the default {@code haAcceptUnidentifiedSlaves=false} streams
 * nothing to an HA connection nobody identified and ignores its acknowledgements, starts both once it is identified,
 * and closes it after {@code haSlaveIdentifyTimeoutMs} (injected clock). With the opt-out, the old classic behaviour
 * (negative control: the same stranger gets the CommitLog and makes sends SEND_OK).
 */
class UnidentifiedSlaveTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SOCKET_TIMEOUT_MS = 10_000;
    private static final long IDENTIFY_TIMEOUT_MS = 10_000;
    private static final SlaveIdentityView ANNOUNCED = new SlaveIdentityView("broker-a", 1, "announced");

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private DefaultMessageStore store;
    private SyncMasterReplication role;

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

    private void startSyncMaster(HaConfig config) throws Exception {
        store = track(openStore(dir.resolve("master")));
        ExecutorPeriodicScheduler scheduler = track(new ExecutorPeriodicScheduler("trust-test"));
        role = track(new SyncMasterReplication(config.withSlaveIdentifyTimeoutMs(IDENTIFY_TIMEOUT_MS), now::get));
        role.start(store, scheduler);
    }

    private HaMasterServer server() {
        return role.server();
    }

    private PutMessageResult send(String body) {
        PutMessageResult result = store.putMessage(message("T", 0, body, true));
        assertEquals(PutMessageStatus.PUT_OK, result.status(), "stored on the master");
        return result;
    }

    private static long end(PutMessageResult result) {
        return result.append().wroteOffset() + result.append().wroteBytes();
    }

    private Socket connect() throws IOException {
        Socket socket = track(new Socket("127.0.0.1", role.advertisedHaPort()));
        socket.setSoTimeout(SOCKET_TIMEOUT_MS);
        return socket;
    }

    private static void report(Socket socket, long offset) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeLong(offset);
        out.flush();
    }

    /** The master's connection for {@code socket}, once it has read the report {@code offset}. */
    private SlaveConnection connectionAfterReport(Socket socket, long offset) {
        await().atMost(WAIT).until(() -> server().connectionFrom("127.0.0.1", socket.getLocalPort())
                .filter(c -> c.ackedOffset() == offset).isPresent());
        return server().connectionFrom("127.0.0.1", socket.getLocalPort()).orElseThrow();
    }

    @Test
    void anUnidentifiedConnectionGetsNoBytesAndItsAcksDoNotCountUntilItIsIdentified() throws Exception {
        startSyncMaster(HaTestSupport.strictHaConfig(dir));
        for (int i = 0; i < 5; i++) {
            send("before-" + i);
        }
        long masterEnd = store.getMaxPhyOffset();
        Socket stranger = connect();
        report(stranger, 0);
        report(stranger, masterEnd);
        SlaveConnection connection = connectionAfterReport(stranger, masterEnd);

        assertFalse(connection.isReplicating(), "unidentified: not trusted");
        assertEquals(-1, server().highestConnectedAck(), "its acknowledgement does not count");
        assertEquals(0, server().inSyncSlaveCount(Long.MAX_VALUE), "not in sync for minInSyncReplicas");
        HaRuntimeInfo status = role.runtimeInfo();
        assertEquals(0, status.inSyncSlaveNums());
        assertFalse(status.connections().get(0).inSync());
        assertEquals(-1, status.connections().get(0).transferFromWhere(), "nothing is being sent to it");
        assertEquals("unidentified", status.connections().get(0).identity().source());
        PutMessageResult notOnItsAccount = send("stranger-acked-everything");
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, notOnItsAccount.durability().get(),
                "a stranger acknowledging the master's whole CommitLog must not make a SYNC send SEND_OK");

        long latestReport = store.getMaxPhyOffset();
        report(stranger, latestReport);
        connectionAfterReport(stranger, latestReport);
        assertTrue(store.putMessage(message("T", 0, "not-waiting-for-a-slave", false)).isAppended());
        connection.identify(ANNOUNCED);

        // Had anything (data or heartbeat) been sent before, the first frame would be another one.
        DataInputStream frames = new DataInputStream(stranger.getInputStream());
        assertEquals(latestReport, frames.readLong(), "streaming starts from its latest report");
        int size = frames.readInt();
        assertTrue(size > 0, "the first frame carries data");
        byte[] body = frames.readNBytes(size);
        assertArrayEquals(commitLogBytes(store, latestReport, latestReport + size), body);
        await().atMost(WAIT).until(() -> server().highestConnectedAck() == latestReport);
        assertTrue(connection.isReplicating());
        assertEquals(1, server().inSyncSlaveCount(Long.MAX_VALUE));

        PutMessageResult next = send("after-identification");
        assertFalse(next.durability().isDone(), "waits for the identified slave");
        report(stranger, end(next));
        assertEquals(PutMessageStatus.PUT_OK, next.durability().get(), "an identified slave's ack counts");
    }

    @Test
    void aConnectionStillUnidentifiedAfterTheTimeoutIsClosedWhileAnIdentifiedOneStays() throws Exception {
        startSyncMaster(HaTestSupport.strictHaConfig(dir));
        send("m");
        Socket stranger = connect();
        Socket honest = connect();
        report(stranger, 0);
        report(honest, 0);
        connectionAfterReport(stranger, 0);
        connectionAfterReport(honest, 0).identify(ANNOUNCED);
        DataInputStream honestFrames = new DataInputStream(honest.getInputStream());
        assertEquals(0, honestFrames.readLong());
        honestFrames.skipNBytes(honestFrames.readInt());

        now.addAndGet(IDENTIFY_TIMEOUT_MS);
        assertEquals(0, bytesUntilClosed(stranger.getInputStream()),
                "the stranger is disconnected, having received nothing");
        awaitHeartbeat(honestFrames);
        await().atMost(WAIT).until(() -> server().connections().size() == 1);
        assertEquals("announced", server().connections().get(0).identity().source());
        assertTrue(server().connections().get(0).isReplicating());
    }

    @Test
    void withHaAcceptUnidentifiedSlavesAStrangerIsStreamedToAndCountedAsInClassicRocketMq() throws Exception {
        startSyncMaster(HaTestSupport.strictHaConfig(dir).withAcceptUnidentifiedSlaves(true));
        send("m");
        Socket stranger = connect();
        report(stranger, 0);
        DataInputStream frames = new DataInputStream(stranger.getInputStream());
        assertEquals(0, frames.readLong(), "streamed to at once");
        frames.skipNBytes(frames.readInt());
        await().atMost(WAIT).until(() -> server().highestConnectedAck() == 0);

        PutMessageResult result = send("acked-by-a-stranger");
        assertFalse(result.durability().isDone());
        assertEquals(result.append().wroteOffset(), frames.readLong(), "the new message is streamed to it");
        frames.skipNBytes(frames.readInt());
        report(stranger, end(result));
        assertEquals(PutMessageStatus.PUT_OK, result.durability().get(), "the checker can fail: opt-out trusts it");

        now.addAndGet(IDENTIFY_TIMEOUT_MS);
        awaitHeartbeat(frames);
        assertTrue(server().connections().get(0).isReplicating(), "only reported, never closed");
        assertNull(server().connections().get(0).identity().brokerName());
    }

    @Test
    void bothKeysAreMappedAndValidated() {
        ReplicationConfig defaults = TestBrokers.config(dir, Map.of()).replication();
        assertFalse(defaults.haAcceptUnidentifiedSlaves());
        assertEquals(60_000, defaults.haSlaveIdentifyTimeoutMs());
        ReplicationConfig set = TestBrokers.config(dir, Map.of("haAcceptUnidentifiedSlaves", "true",
                "haSlaveIdentifyTimeoutMs", "2500")).replication();
        assertTrue(set.haAcceptUnidentifiedSlaves());
        assertEquals(2500, set.haSlaveIdentifyTimeoutMs());
        HaConfig ha = HaConfig.from(TestBrokers.config(dir, Map.of("haSlaveIdentifyTimeoutMs", "2500")));
        assertEquals(2500, ha.slaveIdentifyTimeoutMs());
        assertFalse(ha.acceptUnidentifiedSlaves());

        BrokerConfigException notBoolean = assertThrows(BrokerConfigException.class, () -> TestBrokers.config(dir,
                Map.of("haAcceptUnidentifiedSlaves", "yes")));
        assertTrue(notBoolean.getMessage().contains("haAcceptUnidentifiedSlaves"), notBoolean.getMessage());
        BrokerConfigException tooShort = assertThrows(BrokerConfigException.class, () -> TestBrokers.config(dir,
                Map.of("haSlaveIdentifyTimeoutMs", "10")));
        assertTrue(tooShort.getMessage().contains("haSlaveIdentifyTimeoutMs"), tooShort.getMessage());
    }

    /** Reads (and skips) frames until a heartbeat: proof the master's tick ran and kept the connection. */
    private static void awaitHeartbeat(DataInputStream frames) throws IOException {
        while (true) {
            frames.readLong();
            int size = frames.readInt();
            if (size == 0) {
                return;
            }
            frames.skipNBytes(size);
        }
    }

    /** Bytes read until the peer closed the stream; fails if it is still open after the socket timeout. */
    private static int bytesUntilClosed(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        int total = 0;
        try {
            int n;
            while ((n = in.read(sink)) >= 0) {
                total += n;
            }
            return total;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still connected after " + SOCKET_TIMEOUT_MS + " ms (received " + total + ")");
        } catch (IOException reset) {
            return total;
        }
    }
}
