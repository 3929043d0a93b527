package org.tidemq.broker.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ProducerRegistry;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;

/** CHECK_TRANSACTION_STATE as the official 5.2.0 decoder reads it, and END_TRANSACTION refusals. */
class ProducerCheckBackTest {
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<RemotingCommand> sent = new ArrayList<>();

    @AfterEach
    void close() {
        sent.forEach(RemotingCommand::releaseBody);
        channel.finishAndReleaseAll();
    }

    private static StoredMessage half() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(MessageProperties.UNIQ_KEY, "UNIQ-9");
        properties.put(MessageProperties.TAGS, "TagTx");
        properties.put(TransactionProperties.PRODUCER_GROUP, "PG");
        properties.put(TransactionProperties.REAL_TOPIC, "TopicTx");
        properties.put(TransactionProperties.REAL_QUEUE_ID, "3");
        return new StoredMessage(0, 0, 0, 0, 5, 42, 8_192, 0, 1_000, HOST, 2_000, HOST, 0, 0,
                ByteBuffer.wrap("body".getBytes(StandardCharsets.UTF_8)), TopicNames.TRANS_HALF_TOPIC,
                MessageProperties.encode(properties));
    }

    private ProducerCheckBack sender(ProducerRegistry producers) {
        return new ProducerCheckBack(producers, (Channel target, RemotingCommand request) -> {
            sent.add(request);
            return CompletableFuture.completedFuture(null);
        }, () -> HOST, "broker-a");
    }

    @Test
    void theCheckNamesTheHalfMessageAndCarriesItReaddressedToItsRealTopic() {
        ProducerRegistry producers = new ProducerRegistry();
        producers.register("PG", new ClientChannel("client-1", channel, LanguageCode.JAVA, 0, 0));

        assertTrue(sender(producers).send("PG", 42, half(), new HalfMessage.Destination("TopicTx", 3)));

        assertEquals(1, sent.size());
        RemotingCommand request = sent.get(0);
        assertEquals(RequestCode.CHECK_TRANSACTION_STATE, request.code());
        assertTrue(request.isOneway());
        assertEquals(42L, request.longField("tranStateTableOffset"));
        assertEquals(8_192L, request.longField("commitLogOffset"));
        assertEquals("UNIQ-9", request.field("msgId"));
        assertEquals("UNIQ-9", request.field("transactionId"));
        assertEquals(new OffsetMessageId(HOST, 8_192).encode(), request.field("offsetMsgId"));
        assertEquals("broker-a", request.field("brokerName"));
        MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(request.bodyBytes()));
        assertEquals("TopicTx", decoded.getTopic());
        assertEquals(3, decoded.getQueueId());
        assertEquals(42, decoded.getQueueOffset());
        assertEquals(8_192, decoded.getCommitLogOffset());
        assertEquals("body", new String(decoded.getBody(), StandardCharsets.UTF_8));
        assertEquals("PG", decoded.getProperty("PGROUP"));
        assertEquals("TagTx", decoded.getTags());
    }

    @Test
    void withoutALiveProducerNothingIsSent() {
        assertFalse(sender(new ProducerRegistry()).send("PG", 42, half(), new HalfMessage.Destination("TopicTx", 3)));
        assertFalse(sender(new ProducerRegistry()).send(null, 42, half(), new HalfMessage.Destination("TopicTx", 3)));
        assertEquals(0, sent.size());
    }

    @Test
    void endTransactionOnASlaveOrWithoutOffsetsIsRefusedWithAReason() throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.END_TRANSACTION)
                .putField("producerGroup", "PG").putField("commitOrRollback", 8);
        RemotingCommand complete = RemotingCommand.request(RequestCode.END_TRANSACTION)
                .putField("producerGroup", "PG").putField("commitOrRollback", 8).putField("commitLogOffset", 0);

        RemotingCommand onSlave = new EndTransactionProcessor(() -> null)
                .process(new RequestContext(channel), complete).get();
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, onSlave.code());

        RemotingCommand incomplete = new EndTransactionProcessor(() -> dummyResolver())
                .process(new RequestContext(channel), request).get();
        assertEquals(ResponseCode.SYSTEM_ERROR, incomplete.code());
        assertTrue(incomplete.remark().contains("commitLogOffset"), incomplete.remark());
        assertNull(incomplete.body());
    }

    /** Never reached: the request is refused before the resolver is asked. */
    private static TransactionResolver dummyResolver() {
        throw new AssertionError("the resolver must not be consulted for an incomplete request");
    }
}
