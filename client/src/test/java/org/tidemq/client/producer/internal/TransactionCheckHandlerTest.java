package org.tidemq.client.producer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;
import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.TransactionListener;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;

/**
 * Broker checks answered by the TideMQ transaction producer; the check bodies are records encoded by the official
 * RocketMQ 5.2.0 encoder, as an Apache broker sends them.
 */
class TransactionCheckHandlerTest {
    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<ReceivedMessage> checked = new ArrayList<>();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private TransactionCheckHandler handler(LocalTransactionState verdict) {
        return new TransactionCheckHandler("PG_TX", new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, String transactionId, Object arg) {
                throw new AssertionError("not called by checks");
            }

            @Override
            public LocalTransactionState checkLocalTransaction(ReceivedMessage message) {
                checked.add(message);
                if (verdict == null) {
                    throw new IllegalStateException("database down");
                }
                return verdict;
            }
        }, remoting, 3_000);
    }

    private static RemotingCommand check(String group) {
        byte[] body = new StoredMessages().add("TopicTx", 3, 17, "TagTx", "k1", "payload",
                Map.of("UNIQ_KEY", "UNIQ-1", "PGROUP", group, "TRAN_MSG", "true")).bytes();
        return RemotingCommand.onewayRequest(RequestCode.CHECK_TRANSACTION_STATE)
                .putField("tranStateTableOffset", 17).putField("commitLogOffset", 4096)
                .putField("msgId", "UNIQ-1").putField("transactionId", "UNIQ-1").putField("brokerName", "broker-a")
                .setBody(body);
    }

    @Test
    void aCheckIsAnsweredWithEndTransactionFromCheck() {
        assertNull(handler(LocalTransactionState.COMMIT).processNow(new RequestContext(channel), check("PG_TX")));

        assertEquals(1, checked.size());
        ReceivedMessage message = checked.get(0);
        assertEquals("TopicTx", message.topic());
        assertEquals("payload", message.bodyAsString());
        assertEquals("UNIQ-1", message.messageId());
        List<FakeRemotingClient.Sent> ends = remoting.sent(RequestCode.END_TRANSACTION);
        assertEquals(1, ends.size());
        FakeRemotingClient.Sent end = ends.get(0);
        assertTrue(end.oneway());
        assertEquals("PG_TX", end.field("producerGroup"));
        assertEquals("17", end.field("tranStateTableOffset"));
        assertEquals("4096", end.field("commitLogOffset"));
        assertEquals(Integer.toString(MessageSysFlag.TRANSACTION_COMMIT_TYPE), end.field("commitOrRollback"));
        assertEquals("true", end.field("fromTransactionCheck"));
        assertEquals("UNIQ-1", end.field("transactionId"));
    }

    @Test
    void aFailingCheckReportsUnknown() {
        handler(null).processNow(new RequestContext(channel), check("PG_TX"));

        FakeRemotingClient.Sent end = remoting.sent(RequestCode.END_TRANSACTION).get(0);
        assertEquals(Integer.toString(MessageSysFlag.TRANSACTION_NOT_TYPE), end.field("commitOrRollback"));
    }

    @Test
    void checksOfAnotherGroupOrWithoutAMessageAreIgnored() {
        TransactionCheckHandler handler = handler(LocalTransactionState.ROLLBACK);
        handler.processNow(new RequestContext(channel), check("OTHER_GROUP"));
        handler.processNow(new RequestContext(channel), RemotingCommand.onewayRequest(
                RequestCode.CHECK_TRANSACTION_STATE).putField("tranStateTableOffset", 1).putField("commitLogOffset", 2));

        assertEquals(0, checked.size());
        assertEquals(0, remoting.sent(RequestCode.END_TRANSACTION).size());

        handler.processNow(new RequestContext(channel), check("PG_TX"));
        assertEquals(Integer.toString(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE),
                remoting.sent(RequestCode.END_TRANSACTION).get(0).field("commitOrRollback"),
                "control: the same check for the right group is answered");
    }
}
