package org.tidemq.it.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.client.producer.TransactionListener;
import org.tidemq.client.producer.TransactionProducer;
import org.tidemq.client.producer.TransactionSendResult;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/**
 * Transactional messages with TideMQ's {@link TransactionProducer} against TideMQ (bin/, loopback), 1 s checks,
 * 1 s timeout, {@value TxCluster#CHECK_MAX} checks at most; deliveries counted by an official push consumer and by
 * the topic's stored count. Explicit END_TRANSACTION requests (duplicates, commits after a restart) go through a
 * plain TideMQ transport so that the broker's answer can be asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TideTransactionProducerIT {
    private TxCluster cluster;
    private NettyRemotingClient raw;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TxCluster.start(dir);
        raw = new NettyRemotingClient(NettyClientConfig.defaults());
        raw.start();
        cluster.closeLater(raw::shutdown);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TransactionProducer producer(String group, Function<String, LocalTransactionState> local,
                                         Function<ReceivedMessage, LocalTransactionState> check) {
        TransactionProducer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr()).group(group)
                .sendTimeout(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofSeconds(1))
                .buildTransactional(new TransactionListener() {
                    @Override
                    public LocalTransactionState executeLocalTransaction(Message message, String transactionId,
                                                                         Object arg) {
                        return local.apply(message.bodyText());
                    }

                    @Override
                    public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
                        return check.apply(message);
                    }
                });
        producer.start();
        cluster.closeLater(producer::close);
        return producer;
    }

    private static TransactionSendResult send(TransactionProducer producer, String topic, String body) {
        TransactionSendResult result = producer.sendInTransaction(
                Message.builder(topic).tags("TagTx").body(body).build(), null);
        assertEquals(SendStatus.SEND_OK, result.sendResult().status(), body);
        return result;
    }

    private RemotingCommand endTransaction(String group, TransactionSendResult sent, LocalTransactionState state)
            throws Exception {
        OffsetMessageId stored = OffsetMessageId.decode(sent.sendResult().offsetMsgId());
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION)
                .putField("producerGroup", group)
                .putField("tranStateTableOffset", sent.sendResult().queueOffset())
                .putField("commitLogOffset", stored.commitLogOffset())
                .putField("commitOrRollback", state.wireValue())
                .putField("fromTransactionCheck", false)
                .putField("msgId", sent.transactionId())
                .putField("transactionId", sent.transactionId());
        return raw.invokeSync(cluster.broker().address(), request, 10_000);
    }

    private static void awaitDelivered(Map<String, AtomicInteger> received, Set<String> bodies) {
        await("delivery of " + bodies).atMost(Duration.ofSeconds(30)).until(() -> received.keySet().equals(bodies));
    }

    @Test
    @Order(1)
    void committedMessageIsDeliveredExactlyOnce() throws Exception {
        String topic = "TX_TC_COMMIT";
        cluster.createTopic(topic);
        TransactionProducer producer = producer("PG_TX_TC_COMMIT", body -> LocalTransactionState.COMMIT,
                message -> LocalTransactionState.COMMIT);

        TransactionSendResult sent = send(producer, topic, "commit-1");
        send(producer, topic, "commit-2");

        assertEquals(LocalTransactionState.COMMIT, sent.localState());
        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_TC_COMMIT");
        awaitDelivered(received, Set.of("commit-1", "commit-2"));
        assertEquals(2, cluster.storedCount(topic));
        received.forEach((body, count) -> assertEquals(1, count.get(), body));
    }

    @Test
    @Order(2)
    void rolledBackMessageIsNeverDelivered() throws Exception {
        String topic = "TX_TC_ROLLBACK";
        cluster.createTopic(topic);
        TransactionProducer producer = producer("PG_TX_TC_ROLLBACK",
                body -> body.startsWith("rollback") ? LocalTransactionState.ROLLBACK : LocalTransactionState.COMMIT,
                message -> LocalTransactionState.COMMIT);

        TransactionSendResult rolledBack = send(producer, topic, "rollback-1");
        send(producer, topic, "marker-after");

        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_TC_ROLLBACK");
        awaitDelivered(received, Set.of("marker-after"));
        assertEquals(1, cluster.storedCount(topic));
        RemotingCommand lateCommit = endTransaction("PG_TX_TC_ROLLBACK", rolledBack, LocalTransactionState.COMMIT);
        assertTrue(lateCommit.remark().contains("already resolved"), lateCommit.remark());
        assertEquals(1, cluster.storedCount(topic));
    }

    @Test
    @Order(3)
    void unknownTransactionIsCheckedBackWithTheMessageAndCommittedOnce() throws Exception {
        String topic = "TX_TC_CHECK";
        cluster.createTopic(topic);
        Map<String, ReceivedMessage> checked = new ConcurrentHashMap<>();
        TransactionProducer producer = producer("PG_TX_TC_CHECK", body -> LocalTransactionState.UNKNOWN,
                message -> {
                    checked.put(message.bodyAsString(), message);
                    return LocalTransactionState.COMMIT;
                });

        TransactionSendResult sent = send(producer, topic, "checked-1");
        assertEquals(0, cluster.storedCount(topic), "an unknown transaction stays invisible");

        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_TC_CHECK");
        awaitDelivered(received, Set.of("checked-1"));
        ReceivedMessage seen = checked.get("checked-1");
        assertEquals(topic, seen.topic(), "the check names the real topic");
        assertEquals("TagTx", seen.tags());
        assertEquals(sent.transactionId(), seen.messageId());
        assertEquals(1, cluster.storedCount(topic));
        assertEquals(1, received.get("checked-1").get());
    }

    @Test
    @Order(4)
    void unresolvedTransactionIsCheckedAtMostCheckMaxTimesThenDiscarded() throws Exception {
        String topic = "TX_TC_DISCARD";
        cluster.createTopic(topic);
        AtomicInteger checks = new AtomicInteger();
        TransactionProducer producer = producer("PG_TX_TC_DISCARD", body -> LocalTransactionState.UNKNOWN,
                message -> {
                    checks.incrementAndGet();
                    return LocalTransactionState.UNKNOWN;
                });

        TransactionSendResult sent = send(producer, topic, "undecided");

        await("discard logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.broker().log().contains("transaction " + sent.transactionId()));
        assertEquals(TxCluster.CHECK_MAX, checks.get());
        assertEquals(0, cluster.storedCount(topic));
    }

    @Test
    @Order(5)
    void duplicateCommitDoesNotDuplicateTheMessage() throws Exception {
        String topic = "TX_TC_DUPLICATE";
        cluster.createTopic(topic);
        TransactionProducer producer = producer("PG_TX_TC_DUPLICATE", body -> LocalTransactionState.UNKNOWN,
                message -> LocalTransactionState.UNKNOWN);
        TransactionSendResult sent = send(producer, topic, "twice");

        RemotingCommand first = endTransaction("PG_TX_TC_DUPLICATE", sent, LocalTransactionState.COMMIT);
        RemotingCommand second = endTransaction("PG_TX_TC_DUPLICATE", sent, LocalTransactionState.COMMIT);

        assertEquals(ResponseCode.SUCCESS, first.code());
        assertNull(first.remark());
        assertEquals(ResponseCode.SUCCESS, second.code());
        assertTrue(second.remark().contains("already resolved"), second.remark());
        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_TC_DUPLICATE");
        awaitDelivered(received, Set.of("twice"));
        assertEquals(1, cluster.storedCount(topic));
    }

    @Test
    @Order(6)
    void halfMessagesSurviveABrokerRestart() throws Exception {
        String topic = "TX_TC_RESTART";
        cluster.createTopic(topic);
        AtomicBoolean restarted = new AtomicBoolean();
        TransactionProducer producer = producer("PG_TX_TC_RESTART", body -> LocalTransactionState.UNKNOWN,
                message -> restarted.get() && message.bodyAsString().equals("by-check")
                        ? LocalTransactionState.COMMIT : LocalTransactionState.UNKNOWN);
        TransactionSendResult byCommit = send(producer, topic, "by-commit");
        send(producer, topic, "by-check");
        assertEquals(0, cluster.storedCount(topic));

        cluster.restartBroker();
        restarted.set(true);

        await("broker serves again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> endTransaction("PG_TX_TC_RESTART", byCommit, LocalTransactionState.COMMIT)
                        .code() == ResponseCode.SUCCESS);
        Map<String, AtomicInteger> received = cluster.consume(topic, "CG_TX_TC_RESTART");
        awaitDelivered(received, Set.of("by-commit", "by-check"));
        assertEquals(2, cluster.storedCount(topic));
        received.forEach((body, count) -> assertEquals(1, count.get(), body));
    }
}
