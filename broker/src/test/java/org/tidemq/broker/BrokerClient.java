package org.tidemq.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tidemq.broker.pull.PullMessageRequestHeader;
import org.tidemq.broker.send.SendMessageRequestHeader;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/** Raw protocol calls to a broker under test, the way the Java client makes them. */
public final class BrokerClient implements AutoCloseable {
    public static final long TIMEOUT_MS = 5_000;
    private final NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
    private final String address;

    public BrokerClient(String address) {
        this.address = address;
        client.start();
    }

    public NettyRemotingClient remoting() {
        return client;
    }

    public RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(address, request, TIMEOUT_MS);
    }

    public static Map<String, String> props(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static SendMessageRequestHeader sendHeader(String topic, int queueId, Map<String, String> properties) {
        return new SendMessageRequestHeader("PG_TEST", topic, "TBW102", 4, queueId, 0, System.currentTimeMillis(),
                0, MessageProperties.encode(properties), 0, false, null, false, null);
    }

    public RemotingCommand sendV2(String topic, int queueId, String body, Map<String, String> properties)
            throws Exception {
        RemotingCommand request = sendHeader(topic, queueId, properties)
                .writeTo(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2), true);
        request.setBody(body.getBytes(StandardCharsets.UTF_8));
        return call(request);
    }

    /** SEND_BATCH_MESSAGE with one item per body (facts §5.4). */
    public RemotingCommand sendBatch(String topic, int queueId, String... bodies) throws Exception {
        int size = 0;
        byte[][] props = new byte[bodies.length][];
        for (int i = 0; i < bodies.length; i++) {
            props[i] = MessageProperties.encode(props(MessageProperties.UNIQ_KEY, "U" + i, "WAIT", "true"))
                    .getBytes(StandardCharsets.UTF_8);
            size += 22 + bodies[i].getBytes(StandardCharsets.UTF_8).length + props[i].length;
        }
        ByteBuffer batch = ByteBuffer.allocate(size);
        for (int i = 0; i < bodies.length; i++) {
            byte[] body = bodies[i].getBytes(StandardCharsets.UTF_8);
            batch.putInt(22 + body.length + props[i].length).putInt(0).putInt(0).putInt(0).putInt(body.length)
                    .put(body).putShort((short) props[i].length).put(props[i]);
        }
        SendMessageRequestHeader header = new SendMessageRequestHeader("PG_TEST", topic, "TBW102", 4, queueId, 0,
                System.currentTimeMillis(), 0, "WAIT\u0001true\u0002", 0, false, null, true, null);
        RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE), true);
        request.setBody(batch.array());
        return call(request);
    }

    public static RemotingCommand pullRequest(String group, String topic, int queueId, long offset, int sysFlag,
                                              String subscription, long suspendMillis) {
        return new PullMessageRequestHeader(group, topic, queueId, offset, 32, sysFlag, 0, suspendMillis,
                subscription, 0, subscription == null ? null : "TAG", null)
                .writeTo(RemotingCommand.request(RequestCode.PULL_MESSAGE));
    }

    public RemotingCommand queueRequest(int code, String topic, int queueId) throws Exception {
        return call(RemotingCommand.request(code).putField("topic", topic).putField("queueId", queueId));
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
