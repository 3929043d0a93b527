package org.tidemq.client.consumer.push.internal;

import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Hands a message the listener could not process back for a later attempt (facts §4.4, §9.5): first
 * CONSUMER_SEND_MSG_BACK (36) to the broker that stored it, which re-writes it to {@code %RETRY%<group>} with a delay;
 * if that fails, a fresh copy sent to {@code %RETRY%<group>} as RocketMQ's internal {@code CLIENT_INNER_PRODUCER}
 * does. The future completes with {@code true} when one of the two stored the message, {@code false} when neither
 * did (the caller then consumes it again locally); it never fails.
 *
 * <p>Thread-safe.
 */
public final class SendBack {
    private static final Logger LOG = LoggerFactory.getLogger(SendBack.class);
    static final String RETRY_PREFIX = "%RETRY%";
    static final String INNER_PRODUCER_GROUP = "CLIENT_INNER_PRODUCER";
    static final String PROPERTY_RETRY_TOPIC = "RETRY_TOPIC";
    static final String PROPERTY_ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    static final String PROPERTY_RECONSUME_TIME = "RECONSUME_TIME";
    static final String PROPERTY_MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    static final String PROPERTY_DELAY = "DELAY";
    /** Retries start at delay level 3 (10 s) and go one level up per attempt. */
    private static final int FIRST_RETRY_DELAY_LEVEL = 3;

    private final RemotingClient remoting;
    private final String group;
    private final int maxReconsumeTimes;
    private final Function<String, String> masterAddress;
    private final LongSupplier clock;
    private final long timeoutMillis;

    /** @param masterAddress broker name → master address, or {@code null} when unknown */
    public SendBack(RemotingClient remoting, String group, int maxReconsumeTimes,
                    Function<String, String> masterAddress, LongSupplier clock, long timeoutMillis) {
        this.remoting = remoting;
        this.group = group;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.masterAddress = masterAddress;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    /** The topic the application sent the message to, also for redeliveries read from the retry topic. */
    static String originalTopic(ReceivedMessage message) {
        String original = message.property(PROPERTY_RETRY_TOPIC);
        return original != null ? original : message.topic();
    }

    public CompletableFuture<Boolean> sendBack(ReceivedMessage message) {
        String address = brokerAddress(message);
        RemotingCommand request = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .putField("offset", message.commitLogOffset())
                .putField("group", group)
                .putField("delayLevel", 0)
                .putField("originMsgId", originMessageId(message))
                .putField("originTopic", originalTopic(message))
                .putField("unitMode", false)
                .putField("maxReconsumeTimes", maxReconsumeTimes);
        return remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
            if (error == null && response.code() == ResponseCode.SUCCESS) {
                return CompletableFuture.completedFuture(true);
            }
            LOG.warn("CONSUMER_SEND_MSG_BACK of {} to {} failed ({}); re-sending to {}", message, address,
                    error != null ? error.toString() : "code " + response.code() + " " + response.remark(),
                    retryTopic(group));
            return resend(message);
        }).thenCompose(next -> next);
    }

    private String brokerAddress(ReceivedMessage message) {
        String master = masterAddress.apply(message.brokerName());
        if (master != null) {
            return master;
        }
        return message.storeHost().getAddress().getHostAddress() + ":" + message.storeHost().getPort();
    }

    private static String originMessageId(ReceivedMessage message) {
        String origin = message.property(PROPERTY_ORIGIN_MESSAGE_ID);
        return origin != null ? origin : message.messageId();
    }

    /** The CLIENT_INNER_PRODUCER fallback: a new message on the retry topic carrying the original's identity. */
    CompletableFuture<Boolean> resend(ReceivedMessage message) {
        String retryTopic = retryTopic(group);
        String brokerName = message.brokerName();
        String address = masterAddress.apply(brokerName);
        if (address == null) {
            return CompletableFuture.completedFuture(false);
        }
        int reconsumeTimes = message.reconsumeTimes() + 1;
        Map<String, String> properties = new LinkedHashMap<>(message.properties());
        properties.putIfAbsent(PROPERTY_RETRY_TOPIC, message.topic());
        properties.putIfAbsent(PROPERTY_ORIGIN_MESSAGE_ID, message.messageId());
        properties.put(PROPERTY_DELAY, String.valueOf(FIRST_RETRY_DELAY_LEVEL + message.reconsumeTimes()));
        // For %RETRY% sends these travel as header fields j and l instead (facts §4.4).
        properties.remove(PROPERTY_RECONSUME_TIME);
        properties.remove(PROPERTY_MAX_RECONSUME_TIMES);
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putField("a", INNER_PRODUCER_GROUP)
                .putField("b", retryTopic)
                .putField("c", TopicNames.AUTO_CREATE_TOPIC_KEY)
                .putField("d", 1)
                .putField("e", 0)
                .putField("f", 0)
                .putField("g", clock.getAsLong())
                .putField("h", message.flag())
                .putField("i", MessageProperties.encode(properties))
                .putField("j", reconsumeTimes)
                .putField("k", false)
                .putField("l", maxReconsumeTimes)
                .putField("m", false)
                .putField("n", brokerName);
        // sysFlag 0: the body was decompressed on receipt and goes out as it is.
        request.setBody(Unpooled.wrappedBuffer(message.body()));
        return remoting.invokeAsync(address, request, timeoutMillis).handle((response, error) -> {
            if (error == null && response.code() == ResponseCode.SUCCESS) {
                return true;
            }
            LOG.warn("re-sending {} to {} at {} failed: {}", message, retryTopic, address,
                    error != null ? error.toString() : "code " + response.code() + " " + response.remark());
            return false;
        });
    }

}
