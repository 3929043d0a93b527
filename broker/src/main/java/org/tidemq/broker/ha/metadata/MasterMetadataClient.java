package org.tidemq.broker.ha.metadata;

import java.util.function.Function;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Asks a master for its metadata with the four requests an Apache RocketMQ slave sends (facts §10): 21, 43, 45 and
 * 201. All go to the master's client port: Apache sends 21 to the VIP port (port − 2), but both brokers serve it on
 * the client port too, and a master started with an ephemeral port has no VIP port at port − 2.
 *
 * <p>Thread-safety: as the {@link RemotingClient}; calls block the caller up to the timeout per request.
 */
public final class MasterMetadataClient {
    private final RemotingClient client;
    private final long timeoutMs;

    public MasterMetadataClient(RemotingClient client, long timeoutMs) {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param masterAddr the master's client address {@code host:port}
     * @throws MetadataSyncException naming the request that failed (transport error, refusal or unreadable body)
     */
    public MasterMetadata fetch(String masterAddr) throws MetadataSyncException, InterruptedException {
        TopicConfigSerializeWrapper topics = call(masterAddr, RequestCode.GET_ALL_TOPIC_CONFIG,
                TopicConfigSerializeWrapper::decode);
        var offsets = call(masterAddr, RequestCode.GET_ALL_CONSUMER_OFFSET,
                ConsumerOffsetManager::decodeOffsetTable);
        byte[] delayOffsets = delayOffsets(masterAddr);
        SubscriptionGroupManager.Stored groups = call(masterAddr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
                SubscriptionGroupManager::decode);
        return new MasterMetadata(topics, offsets, groups, delayOffsets);
    }

    /**
     * The master's delayOffset.json text, or null when it has none: Apache RocketMQ answers SYSTEM_ERROR "No delay
     * offset in this broker" until its schedule service has written the file, which must not block the rest.
     */
    private byte[] delayOffsets(String masterAddr) throws MetadataSyncException, InterruptedException {
        RemotingCommand answer = invoke(masterAddr, RequestCode.GET_ALL_DELAY_OFFSET);
        byte[] body = answer.bodyBytes();
        if (answer.code() != ResponseCode.SUCCESS || body == null || body.length == 0) {
            return null;
        }
        try {
            JsonReader.parseObject(body);
        } catch (RuntimeException e) {
            throw new MetadataSyncException("GET_ALL_DELAY_OFFSET to " + masterAddr + " answered an unreadable body: "
                    + e.getMessage(), e);
        }
        return body;
    }

    private RemotingCommand invoke(String masterAddr, int code) throws MetadataSyncException, InterruptedException {
        try {
            return client.invokeSync(masterAddr, RemotingCommand.request(code), timeoutMs);
        } catch (RemotingException e) {
            throw new MetadataSyncException(RequestCode.nameOf(code) + " to " + masterAddr + " failed: "
                    + e.getMessage(), e);
        }
    }

    private <T> T call(String masterAddr, int code, Function<byte[], T> decoder)
            throws MetadataSyncException, InterruptedException {
        String what = RequestCode.nameOf(code) + " to " + masterAddr;
        RemotingCommand answer = invoke(masterAddr, code);
        if (answer.code() != ResponseCode.SUCCESS) {
            throw new MetadataSyncException(what + " answered code " + answer.code() + ": " + answer.remark(), null);
        }
        byte[] body = answer.bodyBytes();
        if (body == null) {
            throw new MetadataSyncException(what + " answered without a body", null);
        }
        try {
            return decoder.apply(body);
        } catch (RuntimeException e) {
            throw new MetadataSyncException(what + " answered an unreadable body: " + e.getMessage(), e);
        }
    }
}
