package org.tidemq.it.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.rocketmq.client.hook.SendMessageContext;
import org.apache.rocketmq.client.hook.SendMessageHook;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.sysflag.MessageSysFlag;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.EndTransactionRequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional messages with the official 5.2.0 {@link TransactionMQProducer} against TideMQ (bin/, loopback) with
 * 1 s checks, 1 s timeout and {@value TxCluster#CHECK_MAX} checks at most. Every scenario has its own one-queue topic
 * and producer group; "exactly once" is shown both by a consumer's delivery count and by the topic's stored count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficialTransactionProducerIT {
    private TxCluster cluster;
    /**
     * Offset message ids of the prepared messages by transaction id. TransactionSendResult does not carry it, so a
     * send hook (official API) records what the broker answered.
     */
    private final Map<String, String> offsetMsgIds = new ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TxCluster.start(dir);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A started producer whose local transactions and checks answer with the given functions of the body. */
    private TransactionMQProducer producer(String group, String topic, Function<String, LocalTransactionState> local,
                                           Function<String, LocalTransactionState> check) throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer(group);
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName(TxCluster.instanceName(group));
        producer.setSendMsgTimeout(10_000);
        // Checks go to producers the broker knows from heartbeats: announce the group quickly (also after a restart).
        producer.setHeartbeatBrokerInterval(1_000);
        producer.setTopics(List.of(topic));
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return local.apply(new String(msg.getBody(), StandardCharsets.UTF_8));
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                return check.apply(new String(msg.getBody(), StandardCharsets.UTF_8));
            }
        });
        producer.getDefaultMQProducerImpl().registerSendMessageHook(new SendMessageHook() {
            @Override
            public String hookName() {
                return "offset-message-ids";
            }

            @Override
            public void sendMessageBefore(SendMessageContext context) {
            }

            @Override
            public void sendMessageAfter(SendMessageContext context) {
                if (context.getSendResult() != null) {
                    offsetMsgIds.put(context.getSendResult().getMsgId(), context.getSendResult().getOffsetMsgId());
                }
            }
        });
        producer.start();
        cluster.closeLater(producer::shutdown);
        return producer;
    }

    private static TransactionSendResult send(TransactionMQProducer producer, String topic, String body)
            throws Exception {
        TransactionSendResult result = producer.sendMessageInTransaction(
                new Message(topic, "TagTx", body.getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(SendStatus.SEND_OK, result.getSendStatus(), body);
        return result;
    }

    /** END_TRANSACTION sent as a request (not oneway) through the official client's transport, so it is answered. */
    private RemotingCommand endTransaction(TransactionMQProducer producer, TransactionSendResult sent, int type)
            throws Exception {
        EndTransactionRequestHeader header = new EndTransactionRequestHeader();
        header.setProducerGroup(producer.getProducerGroup());
        header.setTranStateTableOffset(sent.getQueueOffset());
        header.setCommitLogOffset(MessageDecoder.decodeMessageId(offsetMsgIds.get(sent.getMsgId())).getOffset());
        header.setCommitOrRollback(type);
        header.setFromTransactionCheck(false);
        header.setMsgId(sent.getMsgId());
        header.setTransactionId(sent.getTransactionId());
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.END_TRANSACTION, header);
        return producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl().getRemotingClient()
                .invokeSync(cluster.broker().address(), request, 10_000);
    }

    private void awaitDelivered(Map<String, AtomicInteger> received, Set<String> bodies) {
        await("delivery of " + bodies).atMost(Duration.ofSeconds(30)).until(() -> received.keySet().equals(bodies));
    }

    @Test
    @Order(1)
    void committedMessageIsDeliveredExactlyOnce() throws Exception {
        String topic = "TX_OC_COMMIT";
        cluster.createTopic(topic);
        TransactionMQProducer producer = producer("PG_TX_OC_COMMIT", topic, body -> LocalTransactionState.COMMIT_MESSAGE,
                body -> LocalTransactionState.COMMIT_MESSAGE);
        TransactionSendResult sent = send(producer, topic, "commit-1");
        send(producer, topic, "commit-2");
        assertEquals(LocalTransactionState.COMMIT_MESSAGE, sent.getLocalTransactionState());

        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_OC_COMMIT");

        awaitDelivered(received, Set.of("commit-1", "commit-2"));
        assertEquals(2, cluster.storedCount(topic));
        received.forEach((body, count) -> assertEquals(1, count.get(), body));
        MessageExt committed = cluster.admin().viewMessage(topic, sent.getMsgId());
        assertEquals(topic, committed.getTopic());
        assertEquals("TagTx", committed.getTags());
        assertNull(committed.getProperty("REAL_TOPIC"), "no half-topic bookkeeping leaks to consumers");
    }

    @Test
    @Order(2)
    void rolledBackMessageIsNeverDelivered() throws Exception {
        String topic = "TX_OC_ROLLBACK";
        cluster.createTopic(topic);
        TransactionMQProducer producer = producer("PG_TX_OC_ROLLBACK", topic,
                body -> body.startsWith("rollback") ? LocalTransactionState.ROLLBACK_MESSAGE
                        : LocalTransactionState.COMMIT_MESSAGE,
                body -> LocalTransactionState.COMMIT_MESSAGE);
        TransactionSendResult rolledBack = send(producer, topic, "rollback-1");
        send(producer, topic, "marker-after");

        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_OC_ROLLBACK");

        awaitDelivered(received, Set.of("marker-after"));
        assertEquals(1, cluster.storedCount(topic), "only the committed marker is in the topic");
        RemotingCommand lateCommit = endTransaction(producer, rolledBack, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        assertEquals(ResponseCode.SUCCESS, lateCommit.getCode());
        assertTrue(lateCommit.getRemark().contains("already resolved"), lateCommit.getRemark());
        assertEquals(1, cluster.storedCount(topic), "a commit after the rollback changes nothing");
    }

    @Test
    @Order(3)
    void unknownTransactionIsCheckedBackAndCommittedOnce() throws Exception {
        String topic = "TX_OC_CHECK";
        cluster.createTopic(topic);
        AtomicInteger checks = new AtomicInteger();
        TransactionMQProducer producer = producer("PG_TX_OC_CHECK", topic, body -> LocalTransactionState.UNKNOW,
                body -> {
                    checks.incrementAndGet();
                    return LocalTransactionState.COMMIT_MESSAGE;
                });
        TransactionSendResult sent = send(producer, topic, "checked-1");
        assertEquals(LocalTransactionState.UNKNOW, sent.getLocalTransactionState());
        assertEquals(0, cluster.storedCount(topic), "an unknown transaction stays invisible");

        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_OC_CHECK");

        awaitDelivered(received, Set.of("checked-1"));
        assertTrue(checks.get() >= 1, "resolved by a check-back");
        assertEquals(1, cluster.storedCount(topic));
        assertEquals(1, received.get("checked-1").get());
    }

    @Test
    @Order(4)
    void unresolvedTransactionIsCheckedAtMostCheckMaxTimesThenDiscarded() throws Exception {
        String topic = "TX_OC_DISCARD";
        cluster.createTopic(topic);
        Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        TransactionMQProducer producer = producer("PG_TX_OC_DISCARD", topic, body -> LocalTransactionState.UNKNOW,
                body -> {
                    checks.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                    return LocalTransactionState.UNKNOW;
                });
        TransactionSendResult sent = send(producer, topic, "undecided");

        await("discard logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.broker().log().contains("transaction " + sent.getMsgId()));

        String log = cluster.broker().log();
        assertTrue(log.contains("still unresolved after " + TxCluster.CHECK_MAX + " check-backs"), log);
        assertEquals(TxCluster.CHECK_MAX, checks.get("undecided").get(), "checked exactly transactionCheckMax times");
        RemotingCommand lateCommit = endTransaction(producer, sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        assertTrue(lateCommit.getRemark().contains("already resolved"), lateCommit.getRemark());
        assertEquals(0, cluster.storedCount(topic), "a discarded message is never delivered");
    }

    @Test
    @Order(5)
    void duplicateCommitDoesNotDuplicateTheMessage() throws Exception {
        String topic = "TX_OC_DUPLICATE";
        cluster.createTopic(topic);
        TransactionMQProducer producer = producer("PG_TX_OC_DUPLICATE", topic,
                body -> LocalTransactionState.UNKNOW, body -> LocalTransactionState.UNKNOW);
        TransactionSendResult sent = send(producer, topic, "twice");

        RemotingCommand first = endTransaction(producer, sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        RemotingCommand second = endTransaction(producer, sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE);

        assertEquals(ResponseCode.SUCCESS, first.getCode());
        assertNull(first.getRemark(), "the first commit resolves the transaction");
        assertEquals(ResponseCode.SUCCESS, second.getCode());
        assertTrue(second.getRemark().contains("already resolved"), second.getRemark());
        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_OC_DUPLICATE");
        awaitDelivered(received, Set.of("twice"));
        assertEquals(1, cluster.storedCount(topic));
        assertEquals(1, received.get("twice").get());
    }

    @Test
    @Order(6)
    void halfMessagesSurviveABrokerRestart() throws Exception {
        String topic = "TX_OC_RESTART";
        cluster.createTopic(topic);
        AtomicBoolean restarted = new AtomicBoolean();
        TransactionMQProducer producer = producer("PG_TX_OC_RESTART", topic, body -> LocalTransactionState.UNKNOW,
                body -> restarted.get() && body.equals("by-check") ? LocalTransactionState.COMMIT_MESSAGE
                        : LocalTransactionState.UNKNOW);
        TransactionSendResult byCommit = send(producer, topic, "by-commit");
        send(producer, topic, "by-check");
        assertEquals(0, cluster.storedCount(topic));

        cluster.restartBroker();
        restarted.set(true);

        await("broker serves again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> endTransaction(producer, byCommit, MessageSysFlag.TRANSACTION_COMMIT_TYPE)
                        .getCode() == ResponseCode.SUCCESS);
        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_OC_RESTART");
        awaitDelivered(received, Set.of("by-commit", "by-check"));
        assertEquals(2, cluster.storedCount(topic));
        received.forEach((body, count) -> assertEquals(1, count.get(), body));
    }
}
