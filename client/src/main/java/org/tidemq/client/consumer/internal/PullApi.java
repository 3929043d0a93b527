package org.tidemq.client.consumer.internal;

import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.message.RecordCheck;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * PULL_MESSAGE (11) over the remoting client (facts §4.2, §9.7, §9.9): builds the request header from a
 * {@link PullSpec}, decodes the four offsets and the body of concatenated stored messages, and applies the exact
 * client-side tag filter (brokers filter only by tag hash, facts §13.17).
 *
 * <p>Thread-safe; stateless apart from the transport.
 */
public final class PullApi {
    /** sysFlag bit: store {@code commitOffset} as the group's offset. */
    public static final int FLAG_COMMIT_OFFSET = 1;
    /** sysFlag bit: the broker may hold the pull (long polling). */
    public static final int FLAG_SUSPEND = 1 << 1;
    /** sysFlag bit: the request carries the subscription expression. */
    public static final int FLAG_SUBSCRIPTION = 1 << 2;
    /** sysFlag bit: class filter (legacy filter servers); never set by this client. */
    public static final int FLAG_CLASS_FILTER = 1 << 3;
    /** Added to a suspended pull's hold time for the network timeout, so the broker's answer arrives first. */
    public static final long LONG_POLL_MARGIN_MILLIS = 5000;

    private final RemotingClient remoting;
    private final Executor decodeExecutor;

    /** Decodes responses on the thread completing the transport's future (a network thread). */
    public PullApi(RemotingClient remoting) {
        this(remoting, Runnable::run);
    }

    /** Decodes (CRC check, decompression) on {@code decodeExecutor}, keeping that work off network threads. */
    public PullApi(RemotingClient remoting, Executor decodeExecutor) {
        this.remoting = remoting;
        this.decodeExecutor = decodeExecutor;
    }

    /** The sysFlag RocketMQ's {@code PullSysFlag.buildSysFlag} gives the same inputs. */
    public static int sysFlag(boolean commitOffset, boolean suspend, boolean subscription, boolean classFilter) {
        int flag = 0;
        if (commitOffset) {
            flag |= FLAG_COMMIT_OFFSET;
        }
        if (suspend) {
            flag |= FLAG_SUSPEND;
        }
        if (subscription) {
            flag |= FLAG_SUBSCRIPTION;
        }
        if (classFilter) {
            flag |= FLAG_CLASS_FILTER;
        }
        return flag;
    }

    /** The PULL_MESSAGE request for {@code spec}. */
    public static RemotingCommand request(PullSpec spec) {
        boolean commit = spec.commitOffset() > 0;
        return RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putField("consumerGroup", spec.consumerGroup())
                .putField("topic", spec.queue().topic())
                .putField("queueId", spec.queue().queueId())
                .putField("queueOffset", spec.queueOffset())
                .putField("maxMsgNums", spec.maxMessages())
                .putField("sysFlag", sysFlag(commit, spec.suspend(), spec.subExpression() != null, false))
                .putField("commitOffset", commit ? spec.commitOffset() : 0L)
                .putField("suspendTimeoutMillis", spec.suspendTimeoutMillis())
                .putField("subscription", spec.subExpression())
                .putField("subVersion", spec.subVersion())
                .putField("expressionType", spec.subExpression() == null ? null
                        : spec.expressionType() == null ? Subscription.TYPE_TAG : spec.expressionType())
                .putField("bname", spec.queue().brokerName());
    }

    /**
     * Pulls from {@code brokerAddress}. Completes with the decoded result for codes 0/19/20/21; fails with a
     * {@link ConsumerException} carrying the broker's code for any other answer (17 topic unknown, 24/25 subscription
     * problems, …) or a malformed one, and with the transport's exception when the broker is unreachable or slow.
     */
    public CompletableFuture<PullResult> pull(String brokerAddress, PullSpec spec) {
        Set<String> tags = Subscription.TYPE_SQL92.equals(spec.expressionType()) ? Set.of()
                : Subscription.parseTags(spec.subExpression());
        return remoting.invokeAsync(brokerAddress, request(spec), spec.effectiveTimeoutMillis())
                .thenApplyAsync(response -> {
                    try {
                        return decode(brokerAddress, spec, tags, response);
                    } finally {
                        response.releaseBody();
                    }
                }, decodeExecutor);
    }

    static PullResult decode(String brokerAddress, PullSpec spec, Set<String> tags, RemotingCommand response) {
        PullStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> PullStatus.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullStatus.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullStatus.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullStatus.OFFSET_ILLEGAL;
            default -> throw new CompletionException(new ConsumerException("broker " + brokerAddress
                    + " refused PULL_MESSAGE of " + spec.queue() + " at offset " + spec.queueOffset() + ": code "
                    + response.code() + " (" + ResponseCode.nameOf(response.code()) + ") " + response.remark(),
                    response.code()));
        };
        long next = required(brokerAddress, response, "nextBeginOffset");
        long min = required(brokerAddress, response, "minOffset");
        long max = required(brokerAddress, response, "maxOffset");
        long suggested = required(brokerAddress, response, "suggestWhichBrokerId");
        List<ReceivedMessage> messages = status == PullStatus.FOUND
                ? decodeMessages(brokerAddress, spec.queue().brokerName(), response.bodyBytes(), tags)
                : List.of();
        return new PullResult(status, next, min, max, suggested, messages);
    }

    private static long required(String brokerAddress, RemotingCommand response, String field) {
        Long value = response.longField(field);
        if (value == null) {
            throw new CompletionException(new ConsumerException("broker " + brokerAddress
                    + " sent a pull response without " + field, response.code()));
        }
        return value;
    }

    /**
     * Decodes a body of back-to-back stored messages, keeping those whose tag is in {@code tags} (all when empty).
     *
     * @throws CompletionException wrapping a {@link ConsumerException} when a record is corrupt or truncated
     */
    public static List<ReceivedMessage> decodeMessages(String brokerAddress, String brokerName, byte[] body,
                                                       Set<String> tags) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        RecordCheck check = new RecordCheck();
        List<ReceivedMessage> messages = new ArrayList<>();
        int position = 0;
        while (position < body.length) {
            StoredMessageDecoder.check(buffer, position, body.length, -1, true, check);
            if (check.kind() == RecordCheck.Kind.END) {
                break;
            }
            if (check.kind() != RecordCheck.Kind.MESSAGE) {
                throw new CompletionException(new ConsumerException("broker " + brokerAddress
                        + " sent an undecodable message at byte " + position + " of a pull body: " + check.kind()
                        + " " + check.problem(), ResponseCode.SUCCESS));
            }
            ReceivedMessage message;
            try {
                message = ReceivedMessage.fromStored(StoredMessageDecoder.decode(buffer, position, check), brokerName);
            } catch (IllegalArgumentException e) {
                throw new CompletionException(new ConsumerException("message at byte " + position
                        + " of a pull body from " + brokerAddress + " cannot be read: " + e.getMessage(), e));
            }
            if (tags.isEmpty() || (message.tags() != null && tags.contains(message.tags()))) {
                messages.add(message);
            }
            position += check.size();
        }
        return messages;
    }
}
