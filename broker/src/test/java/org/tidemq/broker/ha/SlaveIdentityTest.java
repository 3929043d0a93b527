package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.HARuntimeInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.ha.identity.NamesrvSlaveIdentifier;
import org.tidemq.broker.ha.identity.SlaveAnnouncement;
import org.tidemq.broker.ha.master.SlaveConnection;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.header.RegisterBrokerResponseHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;

/**
 * Slave identity beside the classic HA stream: a TideMQ slave announces itself and is labelled; a stranger that
 * announces another brokerName is cut off, while a correct announcement on an equal raw connection is kept (control).
 */
class SlaveIdentityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;

    private NettyRemotingServer namesrv;
    private RunningBroker master;
    private RunningBroker slave;

    @AfterEach
    void stop() {
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    @Test
    void aTideSlaveAnnouncesItselfAndHaStatusShowsWhoItIs() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        startNamesrvNaming(master);
        HaTestSupport.putMany(master.broker.store(), "T", "a", 10);
        slave = new RunningBroker(dir.resolve("slave"), Map.of("brokerRole", "SLAVE", "brokerId", "2",
                "namesrvAddr", "127.0.0.1:" + namesrv.localPort()), Clock.systemUTC(), null);

        await().atMost(WAIT).until(() -> master.broker.replication().runtimeInfo().connections().stream()
                .anyMatch(c -> "announced".equals(c.identity().source())));
        HaRuntimeInfo.SlaveIdentityView who = master.broker.replication().runtimeInfo().connections().get(0)
                .identity();
        assertEquals("broker-a", who.brokerName());
        assertEquals(2, who.brokerId());

        RemotingCommand status = master.client.call(RemotingCommand.request(RequestCode.GET_BROKER_HA_STATUS));
        assertEquals(ResponseCode.SUCCESS, status.code(), status.remark());
        String json = new String(status.bodyBytes(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"slaveBrokerName\":\"broker-a\""), json);
        HARuntimeInfo decoded = RemotingSerializable.decode(status.bodyBytes(), HARuntimeInfo.class);
        assertTrue(decoded.isMaster());
        assertEquals(1, decoded.getHaConnectionInfo().size());
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxPhyOffset()
                == master.broker.store().getMaxPhyOffset());

        RemotingCommand slaveStatus = slave.client.call(RemotingCommand.request(RequestCode.GET_BROKER_HA_STATUS));
        HARuntimeInfo slaveView = RemotingSerializable.decode(slaveStatus.bodyBytes(), HARuntimeInfo.class);
        assertEquals(false, slaveView.isMaster());
        assertEquals("127.0.0.1:" + master.broker.replication().advertisedHaPort(),
                slaveView.getHaClientRuntimeInfo().getMasterAddr());
        assertEquals(master.broker.store().getMaxPhyOffset(), slaveView.getHaClientRuntimeInfo().getMaxOffset());
        assertTrue(slaveView.getHaClientRuntimeInfo().getLastReadTimestamp() > 0);
        assertTrue(slaveView.getHaClientRuntimeInfo().getLastWriteTimestamp() > 0);
    }

    @Test
    void aStrangerAnnouncingAnotherBrokerNameIsCutOffWhileAnHonestOneIsKept() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        HaTestSupport.putMany(master.broker.store(), "T", "a", 10);
        int haPort = master.broker.replication().advertisedHaPort();
        try (Socket stranger = new Socket("127.0.0.1", haPort); Socket honest = new Socket("127.0.0.1", haPort)) {
            stranger.setSoTimeout(SOCKET_TIMEOUT_MS);
            honest.setSoTimeout(SOCKET_TIMEOUT_MS);
            report(stranger, 0);
            report(honest, 0);
            await().atMost(WAIT).until(() -> master.broker.replication().haMasterServer().connections().stream()
                    .filter(c -> c.ackedOffset() == 0).count() == 2);

            RemotingCommand refused = master.client.call(
                    new SlaveAnnouncement("broker-x", 1, stranger.getLocalPort()).toRequest());
            assertEquals(ResponseCode.NO_PERMISSION, refused.code());
            assertTrue(refused.remark().contains("broker-x"), refused.remark());
            RemotingCommand accepted = master.client.call(
                    new SlaveAnnouncement("broker-a", 1, honest.getLocalPort()).toRequest());
            assertEquals(ResponseCode.SUCCESS, accepted.code(), accepted.remark());

            assertEquals(0, bytesUntilClosed(stranger.getInputStream()),
                    "the stranger's HA connection is closed, and nothing was sent to it while unidentified");
            DataInputStream frames = new DataInputStream(honest.getInputStream());
            assertEquals(0, frames.readLong(), "the honest slave is streamed to from offset 0");
            assertTrue(frames.readInt() > 0);
            HaRuntimeInfo info = master.broker.replication().runtimeInfo();
            assertEquals(1, info.connections().size(), "only the honest connection is left");
            assertEquals("broker-a", info.connections().get(0).identity().brokerName());
        }
    }

    @Test
    void aSlaveThatCannotAnnounceIsNamedByTheNameServersWhenItsIpIsUnambiguous() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        AtomicReference<String> slaveAddr = new AtomicReference<>("127.0.0.2:10921");
        NamesrvSlaveIdentifier identifier = new NamesrvSlaveIdentifier("broker-a",
                () -> master.broker.replication().haMasterServer(),
                () -> CompletableFuture.completedFuture(clusterInfo(master.broker.brokerAddr(), slaveAddr.get())),
                now::get, 5_000);
        HaTestSupport.putMany(master.broker.store(), "T", "a", 10);
        try (Socket apacheLike = new Socket("127.0.0.1", master.broker.replication().advertisedHaPort())) {
            apacheLike.setSoTimeout(SOCKET_TIMEOUT_MS);
            report(apacheLike, 0);
            await().atMost(WAIT).until(() -> master.broker.replication().haMasterServer().connections().stream()
                    .anyMatch(c -> c.ackedOffset() == 0));
            SlaveConnection connection = master.broker.replication().haMasterServer().connections().get(0);
            assertFalse(connection.isReplicating(), "unidentified: not trusted yet");

            identifier.tick();
            assertEquals("unidentified", connection.identity().source(), "too young: it may still announce");
            now.addAndGet(10_000);
            identifier.tick();
            assertEquals("unidentified", connection.identity().source(), "no registered slave on 127.0.0.1");
            slaveAddr.set("127.0.0.1:10921");
            identifier.tick();
            assertEquals(new HaRuntimeInfo.SlaveIdentityView("broker-a", 1, "namesrv"), connection.identity());
            await().atMost(WAIT).until(connection::isReplicating);
            DataInputStream frames = new DataInputStream(apacheLike.getInputStream());
            assertEquals(0, frames.readLong(), "once named, it is streamed to from its reported offset");
            assertTrue(frames.readInt() > 0);
        }
    }

    @Test
    void twoConnectionsFromTheIpOfOneRegisteredSlaveAreNotIdentifiedUntilOneIsLeft() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        NamesrvSlaveIdentifier identifier = new NamesrvSlaveIdentifier("broker-a",
                () -> master.broker.replication().haMasterServer(),
                () -> CompletableFuture.completedFuture(clusterInfo(master.broker.brokerAddr(), "127.0.0.1:10921")),
                now::get, 5_000);
        int haPort = master.broker.replication().advertisedHaPort();
        try (Socket slaveLike = new Socket("127.0.0.1", haPort)) {
            try (Socket strangerOnItsHost = new Socket("127.0.0.1", haPort)) {
                report(slaveLike, 0);
                report(strangerOnItsHost, 0);
                await().atMost(WAIT).until(() -> master.broker.replication().haMasterServer().connections().stream()
                        .filter(c -> c.ackedOffset() == 0).count() == 2);
                now.addAndGet(10_000);
                identifier.tick();
                assertTrue(master.broker.replication().haMasterServer().connections().stream()
                        .noneMatch(SlaveConnection::isReplicating), "a guess between two would trust a stranger");
            }
            await().atMost(WAIT).until(() -> master.broker.replication().haMasterServer().connections().size() == 1);
            identifier.tick();
            SlaveConnection left = master.broker.replication().haMasterServer().connections().get(0);
            assertEquals(slaveLike.getLocalPort(), left.remotePort());
            assertEquals(new HaRuntimeInfo.SlaveIdentityView("broker-a", 1, "namesrv"), left.identity());
            assertTrue(left.isReplicating());
        }
    }

    private static ClusterInfo clusterInfo(String masterAddr, String slaveAddr) {
        SortedMap<Long, String> members = new TreeMap<>(Map.of(0L, masterAddr, 1L, slaveAddr));
        return new ClusterInfo(Map.of("broker-a", new BrokerData("DefaultCluster", "broker-a", members, null, false)),
                Map.of("DefaultCluster", Set.of("broker-a")));
    }

    @Test
    void anAnnouncementOfNoOpenConnectionIsAnsweredSoTheSlaveRetries() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        RemotingCommand unknown = master.client.call(new SlaveAnnouncement("broker-a", 1, 1).toRequest());
        assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
        assertTrue(unknown.remark().contains("no HA connection from 127.0.0.1:1"), unknown.remark());
        RemotingCommand malformed = master.client.call(RemotingCommand.request(SlaveAnnouncement.REQUEST_CODE)
                .putField("brokerName", "broker-a"));
        assertEquals(ResponseCode.SYSTEM_ERROR, malformed.code());
        assertTrue(malformed.remark().contains("brokerId"), malformed.remark());
    }

    private void startNamesrvNaming(RunningBroker masterBroker) {
        String masterHa = "127.0.0.1:" + masterBroker.broker.replication().advertisedHaPort();
        namesrv = new NettyRemotingServer(NettyServerConfig.defaults().withBindAddress("127.0.0.1"));
        namesrv.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) -> {
            RemotingCommand ok = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            return request.code() != RequestCode.REGISTER_BROKER ? ok
                    : ok.putField(RegisterBrokerResponseHeader.HA_SERVER_ADDR, masterHa)
                    .putField(RegisterBrokerResponseHeader.MASTER_ADDR, masterBroker.broker.brokerAddr());
        }, RequestExecutors.IO_THREAD);
        namesrv.start();
    }

    private static void report(Socket socket, long offset) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeLong(offset);
        out.flush();
    }

    /** Bytes received until the peer closed the stream (EOF or reset); -1 if still open at the socket timeout. */
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
            return -1;
        } catch (IOException reset) {
            return total;
        }
    }
}
