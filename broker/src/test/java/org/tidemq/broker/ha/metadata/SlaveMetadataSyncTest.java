package org.tidemq.broker.ha.metadata;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestBrokers;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.protocol.header.RegisterBrokerResponseHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;
import org.tidemq.store.message.MessageToStore;

/**
 * A real master and slave in one JVM; a stub name server answers registrations with the master's addresses, as a
 * real one does for a slave whose master is live.
 */
class SlaveMetadataSyncTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private NettyRemotingServer namesrv;
    private RunningBroker master;
    private RunningBroker slave;
    private final AtomicReference<String> advertisedMaster = new AtomicReference<>();
    private final AtomicReference<String> advertisedMasterHa = new AtomicReference<>();

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

    private void startMasterAndNamesrv() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of("brokerRole", "ASYNC_MASTER"), Clock.systemUTC(),
                null);
        advertisedMaster.set(master.broker.brokerAddr());
        advertisedMasterHa.set("127.0.0.1:" + master.broker.replication().advertisedHaPort());
        namesrv = new NettyRemotingServer(NettyServerConfig.defaults().withBindAddress("127.0.0.1"));
        namesrv.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) -> {
            RemotingCommand answer = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            if (request.code() == RequestCode.REGISTER_BROKER && advertisedMaster.get() != null) {
                answer.putField(RegisterBrokerResponseHeader.HA_SERVER_ADDR, advertisedMasterHa.get())
                        .putField(RegisterBrokerResponseHeader.MASTER_ADDR, advertisedMaster.get());
            }
            return answer;
        }, RequestExecutors.IO_THREAD);
        namesrv.start();
    }

    private RunningBroker startSlave() throws Exception {
        return new RunningBroker(dir.resolve("slave"), Map.of("brokerRole", "SLAVE", "brokerId", "1",
                "namesrvAddr", "127.0.0.1:" + namesrv.localPort()), Clock.systemUTC(), null);
    }

    private static TopicConfig topic(String name, int queues) {
        return new TopicConfig(name, queues, queues, Perm.READ_WRITE, TopicFilterType.SINGLE_TAG, 0, false,
                Map.of());
    }

    @Test
    void atConnectTheSlaveCopiesTopicsGroupsOffsetsAndDelayOffsets() throws Exception {
        startMasterAndNamesrv();
        master.broker.topics().updateTopicConfig(topic("MetaTopic", 8));
        master.broker.groups().update(SubscriptionGroupConfig.defaults("CG_META"));
        master.broker.offsets().commitOffset("CG_META", "MetaTopic", 3, 42);
        Path masterDelay = new DelayOffsetFile(master.broker.config().store().storePathRootDir()).path();
        Files.createDirectories(masterDelay.getParent());
        Files.writeString(masterDelay, "{\"dataVersion\":{\"counter\":3,\"stateVersion\":0,\"timestamp\":1},"
                + "\"offsetTable\":{1:17,3:5}}");

        slave = startSlave();

        await().atMost(WAIT).until(() -> slave.broker.topics().select("MetaTopic") != null);
        assertEquals(8, slave.broker.topics().select("MetaTopic").readQueueNums());
        assertEquals(master.broker.topics().dataVersion(), slave.broker.topics().dataVersion(),
                "the slave adopts its master's topic DataVersion");
        await().atMost(WAIT).until(() -> slave.broker.offsets().queryOffset("CG_META", "MetaTopic", 3) == 42);
        await().atMost(WAIT).until(() -> slave.broker.groups().select("CG_META") != null);
        Path slaveDelay = new DelayOffsetFile(slave.broker.config().store().storePathRootDir()).path();
        await().atMost(WAIT).until(() -> Files.exists(slaveDelay));
        assertEquals(Files.readString(masterDelay), Files.readString(slaveDelay));
        assertTrue(Files.readString(slave.broker.topics().file()).contains("MetaTopic"), "the copy is persisted");
    }

    @Test
    void aTopicTheMasterNeverListedIsDerivedFromTheReplicatedCommitLogAndServed() throws Exception {
        startMasterAndNamesrv();
        slave = startSlave();
        await().atMost(WAIT).until(() -> slave.broker.metadataSync() != null
                && slave.broker.offsets() != null && slave.broker.topics().select("TBW102") != null);
        // Appended straight into the master's store: the master has no config for the topic, so no metadata copy
        // can ever supply it — only the replicated CommitLog names it.
        appendOnMaster("FreshTopic", 5, "fresh-message");
        await().atMost(WAIT).until(() -> slave.broker.store().getMaxOffsetInQueue("FreshTopic", 5) == 1);
        // Dispatchers run in order on one thread: the ConsumeQueue entry is there a moment before the config.
        await().atMost(WAIT).until(() -> slave.broker.topics().select("FreshTopic") != null);
        TopicConfig derived = slave.broker.topics().select("FreshTopic");
        assertEquals(6, derived.readQueueNums(), "enough queues for queue id 5");
        assertEquals(Perm.READ_WRITE, derived.perm());
        assertNull(master.broker.topics().select("FreshTopic"));

        RemotingCommand pull = slave.client.call(BrokerClient.pullRequest("CG_FRESH", "FreshTopic", 5, 0, 4, "*",
                0));
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());
        assertEquals(List.of("fresh-message"), TestBrokers.decodeRecords(pull.body()).stream()
                .map(m -> TestBrokers.text(m.body())).toList());

        // A newer master table without the topic must not take it away while the slave holds its messages.
        master.broker.topics().updateTopicConfig(topic("OtherTopic", 2));
        SlaveMetadataSync.Outcome outcome = slave.broker.metadataSync().syncOnce();
        assertTrue(outcome.topicsReplaced());
        assertNotNull(slave.broker.topics().select("OtherTopic"));
        assertNotNull(slave.broker.topics().select("FreshTopic"));
    }

    @Test
    void offsetsCommittedOnTheSlaveAreNotMovedBackByTheMastersOlderOnes() throws Exception {
        startMasterAndNamesrv();
        master.broker.offsets().commitOffset("CG_OFF", "T", 0, 10);
        master.broker.offsets().commitOffset("CG_OFF", "T", 1, 10);
        slave = startSlave();
        await().atMost(WAIT).until(() -> slave.broker.offsets().queryOffset("CG_OFF", "T", 1) == 10);

        slave.broker.offsets().commitOffset("CG_OFF", "T", 0, 25);
        master.broker.offsets().commitOffset("CG_OFF", "T", 1, 30);
        SlaveMetadataSync.Outcome outcome = slave.broker.metadataSync().syncOnce();

        assertEquals(1, outcome.offsetsChanged());
        assertEquals(25, slave.broker.offsets().queryOffset("CG_OFF", "T", 0), "the slave's further offset stays");
        assertEquals(30, slave.broker.offsets().queryOffset("CG_OFF", "T", 1), "the master's further offset wins");
    }

    @Test
    void anUnreachableMasterFailsTheCopyWithoutChangingAnything() throws Exception {
        startMasterAndNamesrv();
        slave = startSlave();
        await().atMost(WAIT).until(() -> slave.broker.offsets().queryOffset("CG_X", "T", 0) == -1
                && slave.broker.metadataSync() != null);
        await().atMost(WAIT).until(() -> slave.broker.topics().dataVersion()
                .equals(master.broker.topics().dataVersion()));
        var before = slave.broker.topics().topics();
        String masterAddr = master.broker.brokerAddr();
        master.close();
        master = null;

        MetadataSyncException failure = assertThrows(MetadataSyncException.class,
                () -> slave.broker.metadataSync().syncOnce());
        assertTrue(failure.getMessage().contains("GET_ALL_TOPIC_CONFIG") && failure.getMessage().contains(masterAddr),
                failure.getMessage());
        assertEquals(before, slave.broker.topics().topics());
    }

    @Test
    void theMasterAnswersGetAllDelayOffsetWithAnEmptyTableWhenItHasNone() throws Exception {
        startMasterAndNamesrv();
        RemotingCommand answer = master.client.call(RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET));
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        JsonObject table = JsonReader.parseObject(answer.bodyBytes());
        assertNotNull(table.object("dataVersion"));
        assertEquals(0, table.object("offsetTable").size());
        RemotingCommand offsets = master.client.call(RemotingCommand.request(RequestCode.GET_ALL_CONSUMER_OFFSET));
        assertEquals(ResponseCode.SUCCESS, offsets.code(), offsets.remark());
        assertFalse(offsets.bodyText().isEmpty());
    }

    private void appendOnMaster(String topic, int queueId, String body) {
        var host = new java.net.InetSocketAddress("127.0.0.1", 10911);
        var result = master.broker.store().putMessage(new MessageToStore(topic, queueId, 0, 0, 1L, host, host, 0, 0,
                "", ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), true));
        assertTrue(result.isAppended(), String.valueOf(result.status()));
    }
}
