package org.tidemq.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/**
 * A consumer connection to a broker under test: heartbeats as {@code clientId} in one group and records every request
 * the broker sends it; broker→client requests it should answer are answered by a handler the test sets.
 */
public final class TestConsumer implements AutoCloseable {
    private final NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
    private final String brokerAddr;
    private final String clientId;
    private final List<RemotingCommand> received = new CopyOnWriteArrayList<>();

    /**
     * @param answers answers the requests of {@code answeredCodes} (e.g. 307/309); other broker requests get no
     *                answer
     */
    public TestConsumer(String brokerAddr, String clientId, Function<RemotingCommand, RemotingCommand> answers,
                        int... answeredCodes) {
        this.brokerAddr = brokerAddr;
        this.clientId = clientId;
        for (int code : List.of(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, RequestCode.RESET_CONSUMER_CLIENT_OFFSET)) {
            client.registerProcessor(code, (RequestProcessor.Sync) (ctx, request) -> {
                received.add(copy(request));
                return null;
            }, RequestExecutors.IO_THREAD);
        }
        for (int code : answeredCodes) {
            client.registerProcessor(code, (RequestProcessor.Sync) (ctx, request) -> {
                received.add(copy(request));
                return answers.apply(request);
            }, RequestExecutors.IO_THREAD);
        }
        client.start();
    }

    /** Registers as a push consumer of {@code group} subscribed to {@code topic}. */
    public void heartbeat(String group, String topic) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT);
        request.setBody("{\"clientID\":\"" + clientId + "\",\"consumerDataSet\":[{\"consumeFromWhere\":"
                + "\"CONSUME_FROM_LAST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" + group
                + "\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":[{\"classFilterMode\":false,"
                + "\"codeSet\":[],\"expressionType\":\"TAG\",\"subString\":\"*\",\"subVersion\":1,\"tagsSet\":[],"
                + "\"topic\":\"" + topic + "\"}],\"unitMode\":false}],\"heartbeatFingerprint\":0,"
                + "\"producerDataSet\":[],\"withoutSub\":false}");
        RemotingCommand response = client.invokeSync(brokerAddr, request, BrokerClient.TIMEOUT_MS);
        if (response.code() != ResponseCode.SUCCESS) {
            throw new AssertionError("heartbeat refused: " + response.remark());
        }
    }

    /** Requests the broker sent to this consumer, in arrival order (bodies copied). */
    public List<RemotingCommand> received() {
        return received;
    }

    public List<RemotingCommand> received(int code) {
        return received.stream().filter(r -> r.code() == code).toList();
    }

    private static RemotingCommand copy(RemotingCommand request) {
        RemotingCommand copy = RemotingCommand.request(request.code());
        copy.setExtFields(request.extFields());
        copy.setBody(request.bodyBytes());
        return copy;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
