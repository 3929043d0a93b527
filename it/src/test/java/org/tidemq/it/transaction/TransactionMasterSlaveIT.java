package org.tidemq.it.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * Transactions in a SYNC_MASTER/SLAVE pair (bin/, loopback): the half message, the commit and the op record reach
 * the slave's CommitLog through replication; only the master checks back and resolves (a slave answers
 * END_TRANSACTION with SLAVE_NOT_AVAILABLE).
 */
class TransactionMasterSlaveIT {
    private static final String BROKER_NAME = "broker-tx-ha";
    private static final String TOPIC = "TX_HA";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @RegisterExtension
    final Closer closer = new Closer();

    private static Map<String, String> brokerProperties(String role, String brokerId) {
        Map<String, String> properties = new HashMap<>();
        properties.put("brokerRole", role);
        properties.put("brokerId", brokerId);
        properties.put("waitTimeMillsInSendQueue", "5000");
        properties.put("transactionCheckInterval", "1000");
        properties.put("transactionTimeOut", "1000");
        return properties;
    }

    /** A queue's max offset as {@code broker} itself reports it (GET_MAX_OFFSET straight to that address). */
    private static long maxOffset(NettyRemotingClient raw, String broker, String topic) throws Exception {
        RemotingCommand response = raw.invokeSync(broker, RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                .putField("topic", topic).putField("queueId", 0), 10_000);
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return response.longField("offset");
    }

    @Test
    void halfCommitAndOpRecordsReplicateAndOnlyTheMasterResolves() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                brokerProperties("SYNC_MASTER", "0")));
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                brokerProperties("SLAVE", "1")));
        NettyRemotingClient raw = closer.track(new NettyRemotingClient(NettyClientConfig.defaults()));
        raw.start();

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(),
                "tx-ha-admin-" + ProcessHandle.current().pid());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 1, 1, 6));
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC + "_WARMUP", 1, 1, 6));
        OfficialAdmin.awaitMasterAndSlave(admin, TOPIC, WAIT);
        DefaultMQProducer warmup = new DefaultMQProducer("PG_TX_HA_WARMUP");
        warmup.setNamesrvAddr(namesrv.address());
        warmup.setInstanceName("PG_TX_HA_WARMUP-" + ProcessHandle.current().pid());
        warmup.start();
        closer.track(warmup::shutdown);
        // A SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave has connected.
        await("the slave is in sync").atMost(WAIT).ignoreExceptions().until(() -> warmup.send(new Message(
                TOPIC + "_WARMUP", "w".getBytes(StandardCharsets.UTF_8))).getSendStatus() == SendStatus.SEND_OK);

        AtomicBoolean decided = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        TransactionMQProducer producer = new TransactionMQProducer("PG_TX_HA");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_TX_HA-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(10_000);
        producer.setHeartbeatBrokerInterval(1_000);
        producer.setTopics(List.of(TOPIC));
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checks.incrementAndGet();
                return decided.get() ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.UNKNOW;
            }
        });
        producer.start();
        closer.track(producer::shutdown);

        TransactionSendResult sent = producer.sendMessageInTransaction(
                new Message(TOPIC, "TagHa", "replicated".getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(SendStatus.SEND_OK, sent.getSendStatus());

        await("half message on the slave").atMost(WAIT)
                .until(() -> maxOffset(raw, slave.address(), "RMQ_SYS_TRANS_HALF_TOPIC") == 1);
        RemotingCommand onSlave = raw.invokeSync(slave.address(), RemotingCommand.request(RequestCode.END_TRANSACTION)
                .putField("producerGroup", "PG_TX_HA").putField("tranStateTableOffset", 0)
                .putField("commitLogOffset", 0).putField("commitOrRollback", 8)
                .putField("msgId", sent.getMsgId()), 10_000);
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, onSlave.code(), onSlave.remark());
        await("the master checks back").atMost(WAIT).until(() -> checks.get() >= 1);
        assertEquals(0, maxOffset(raw, slave.address(), TOPIC), "undecided: invisible on the slave too");

        decided.set(true);

        await("commit replicated").atMost(WAIT).until(() -> maxOffset(raw, slave.address(), TOPIC) == 1);
        await("op record replicated").atMost(WAIT)
                .until(() -> maxOffset(raw, slave.address(), "RMQ_SYS_TRANS_OP_HALF_TOPIC") == 1);
        assertEquals(1, maxOffset(raw, master.address(), TOPIC));
    }
}
