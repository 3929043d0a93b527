package org.tidemq.broker.admin;

import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.tidemq.broker.client.ClientChannel;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.broker.send.OffsetMessageId;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309), facts §4.6: relays an admin request to one
 * consumer (extFields {@code consumerGroup}, {@code clientId}) over its own connection — same code, extFields and
 * body — and answers with the consumer's response (code, remark, extFields, body). No thread waits: the answer is
 * produced when the consumer's response arrives or after {@value #RELAY_TIMEOUT_MS} ms.
 *
 * <p>CONSUME_MESSAGE_DIRECTLY is completed first, as RocketMQ's broker does: the relayed request names this broker
 * ({@code brokerName}) and carries as its body the stored record that {@code msgId} (an offset message id) points
 * at, so the consumer can decode and consume it; an id that does not decode or points nowhere leaves the admin's
 * body as it was.
 *
 * <p>Consumer not connected → SYSTEM_ERROR "The Consumer &lt;g&gt; &lt;id&gt; not online"; client older than
 * V3_1_8 → SYSTEM_ERROR; no answer in time → CONSUME_MSG_TIMEOUT; any other failure → SYSTEM_ERROR naming it.
 * Thread-safe.
 */
public final class ConsumerRelayProcessor implements RequestProcessor {
    public static final long RELAY_TIMEOUT_MS = 10_000;

    /** Sends a request on a client connection and completes with the response (RemotingServer::invokeAsync). */
    @FunctionalInterface
    public interface ChannelInvoker {
        CompletableFuture<RemotingCommand> invoke(Channel channel, RemotingCommand request, long timeoutMillis);
    }

    /** The stored record at a commit-log offset, copied, or null when there is none. */
    @FunctionalInterface
    public interface RecordReader {
        byte[] recordAt(long commitLogOffset);
    }

    private final ConsumerRegistry consumers;
    private final ChannelInvoker invoker;
    private final String brokerName;
    private final RecordReader records;

    public ConsumerRelayProcessor(ConsumerRegistry consumers, ChannelInvoker invoker, String brokerName,
                                  RecordReader records) {
        this.consumers = consumers;
        this.invoker = invoker;
        this.brokerName = brokerName;
        this.records = records;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        String group;
        String clientId;
        try {
            group = HeaderFields.required(request, "consumerGroup");
            clientId = HeaderFields.required(request, "clientId");
        } catch (MissingHeaderFieldException e) {
            return done(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        ClientChannel client = consumers.findChannel(group, clientId);
        if (client == null) {
            return done(request, ResponseCode.SYSTEM_ERROR,
                    String.format("The Consumer <%s> <%s> not online", group, clientId));
        }
        if (client.version() < RemotingVersion.V3_1_8_SNAPSHOT) {
            return done(request, ResponseCode.SYSTEM_ERROR, String.format(
                    "The Consumer <%s> Version <%d> too low to finish, please upgrade it to V3_1_8_SNAPSHOT",
                    clientId, client.version()));
        }
        RemotingCommand relayed = RemotingCommand.request(request.code())
                .setExtFields(request.extFields() == null ? new HashMap<>() : new HashMap<>(request.extFields()))
                .setBody(request.bodyBytes());
        if (request.code() == RequestCode.CONSUME_MESSAGE_DIRECTLY) {
            relayed.putField("brokerName", brokerName);
            byte[] record = storedRecord(request.field("msgId"));
            if (record != null) {
                relayed.setBody(record);
            }
        }
        CompletableFuture<RemotingCommand> call;
        try {
            call = invoker.invoke(client.channel(), relayed, RELAY_TIMEOUT_MS);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((answer, error) -> {
            if (error == null) {
                return relayAnswer(request, answer);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof RemotingException.TimeoutException) {
                return RemotingCommand.responseTo(request, ResponseCode.CONSUME_MSG_TIMEOUT,
                        String.format("consumer <%s> <%s> Timeout: %s", group, clientId, cause));
            }
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("invoke consumer <%s> <%s> Exception: %s", group, clientId, cause));
        });
    }

    private byte[] storedRecord(String offsetMessageId) {
        if (offsetMessageId == null) {
            return null;
        }
        long offset;
        try {
            offset = OffsetMessageId.physicalOffset(offsetMessageId);
        } catch (IllegalArgumentException | IndexOutOfBoundsException notAnOffsetId) {
            return null;
        }
        return offset < 0 ? null : records.recordAt(offset);
    }

    private static RemotingCommand relayAnswer(RemotingCommand request, RemotingCommand answer) {
        try {
            RemotingCommand response = RemotingCommand.responseTo(request, answer.code(), answer.remark())
                    .setBody(answer.bodyBytes());
            if (answer.extFields() != null) {
                answer.extFields().forEach(response::putField);
            }
            return response;
        } finally {
            answer.releaseBody();
        }
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
