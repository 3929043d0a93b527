package org.tidemq.bench.namesrv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The routes the load looks up: registers every topic on {@link BenchTopics#BROKER_NAMES} (two fake masters) through
 * REGISTER_BROKER, then fetches each topic's route once and checks its content (both brokers, their addresses, queue
 * counts, permissions). The checked bodies become the reference every response of the load is compared with.
 *
 * <p>The registering connection stays open until {@link #close()}: a NameServer drops a broker as soon as the
 * connection that registered it closes. Not thread-safe; used by the load's main thread only.
 */
final class RouteFixture implements AutoCloseable {
    private static final long REGISTER_TIMEOUT_MS = 10_000;
    private static final long LOOKUP_TIMEOUT_MS = 5_000;

    private final String address;
    private final int topicCount;
    private final NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
    private final ObjectMapper json = new ObjectMapper();

    RouteFixture(String address, int topicCount) {
        this.address = address;
        this.topicCount = topicCount;
        client.start();
    }

    void registerTopics() throws Exception {
        for (int broker = 0; broker < BenchTopics.BROKER_NAMES.length; broker++) {
            RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER)
                    .setVersion(RemotingVersion.CURRENT)
                    .putField("brokerName", BenchTopics.BROKER_NAMES[broker])
                    .putField("brokerAddr", BenchTopics.brokerAddress(broker))
                    .putField("clusterName", BenchTopics.CLUSTER)
                    .putField("haServerAddr", BenchTopics.haAddress(broker))
                    .putField("brokerId", 0).putField("compressed", false).putField("bodyCrc32", 0)
                    .setBody(json.writeValueAsBytes(registrationBody()));
            RemotingCommand response = client.invokeSync(address, request, REGISTER_TIMEOUT_MS);
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("REGISTER_BROKER of " + BenchTopics.BROKER_NAMES[broker]
                        + " failed: code " + response.code() + " " + response.remark());
            }
        }
    }

    private ObjectNode registrationBody() {
        ObjectNode body = json.createObjectNode();
        body.putArray("filterServerList");
        ObjectNode wrapper = body.putObject("topicConfigSerializeWrapper");
        wrapper.putObject("dataVersion").put("counter", 1).put("stateVersion", 0)
                .put("timestamp", System.currentTimeMillis());
        ObjectNode table = wrapper.putObject("topicConfigTable");
        for (int topic = 0; topic < topicCount; topic++) {
            String name = BenchTopics.name(topic);
            table.putObject(name).put("topicName", name).put("readQueueNums", BenchTopics.QUEUES)
                    .put("writeQueueNums", BenchTopics.QUEUES).put("perm", BenchTopics.PERM)
                    .put("topicFilterType", "SINGLE_TAG").put("topicSysFlag", 0).put("order", false);
        }
        return body;
    }

    /**
     * Looks every topic up once and checks the route.
     *
     * @return the verified route body of each topic, as answered to a version 5.2.0 JSON request
     * @throws IllegalStateException naming the topic and the fault when a route is missing or wrong
     */
    byte[][] verifiedRouteBodies() throws Exception {
        byte[][] bodies = new byte[topicCount][];
        for (int topic = 0; topic < topicCount; topic++) {
            String name = BenchTopics.name(topic);
            RemotingCommand response = client.invokeSync(address,
                    RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).setVersion(RemotingVersion.V5_2_0)
                            .putField("topic", name),
                    LOOKUP_TIMEOUT_MS);
            if (response.code() != ResponseCode.SUCCESS) {
                throw new IllegalStateException("route of " + name + " not found: code " + response.code() + " "
                        + response.remark());
            }
            bodies[topic] = response.bodyBytes();
            checkRoute(name, bodies[topic]);
        }
        return bodies;
    }

    private void checkRoute(String topic, byte[] body) throws Exception {
        if (body == null) {
            throw new IllegalStateException("route of " + topic + " has no body");
        }
        JsonNode route = json.readTree(body);
        Set<String> brokersSeen = new HashSet<>();
        for (JsonNode brokerData : route.path("brokerDatas")) {
            String brokerName = brokerData.path("brokerName").asText();
            int broker = brokerIndex(brokerName);
            String expectedAddress = BenchTopics.brokerAddress(broker);
            if (!BenchTopics.CLUSTER.equals(brokerData.path("cluster").asText())
                    || !expectedAddress.equals(brokerData.path("brokerAddrs").path("0").asText())) {
                throw new IllegalStateException("route of " + topic + " has a wrong broker entry: " + brokerData);
            }
            brokersSeen.add(brokerName);
        }
        Set<String> queuesSeen = new HashSet<>();
        for (JsonNode queueData : route.path("queueDatas")) {
            if (queueData.path("readQueueNums").asInt() != BenchTopics.QUEUES
                    || queueData.path("writeQueueNums").asInt() != BenchTopics.QUEUES
                    || queueData.path("perm").asInt() != BenchTopics.PERM) {
                throw new IllegalStateException("route of " + topic + " has wrong queues: " + queueData);
            }
            queuesSeen.add(queueData.path("brokerName").asText());
        }
        Set<String> expected = Set.of(BenchTopics.BROKER_NAMES);
        if (!brokersSeen.equals(expected) || !queuesSeen.equals(expected)) {
            throw new IllegalStateException("route of " + topic + " names brokers " + brokersSeen + " and queues on "
                    + queuesSeen + ", expected " + expected + ": " + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static int brokerIndex(String brokerName) {
        for (int i = 0; i < BenchTopics.BROKER_NAMES.length; i++) {
            if (BenchTopics.BROKER_NAMES[i].equals(brokerName)) {
                return i;
            }
        }
        throw new IllegalStateException("route names an unknown broker " + brokerName);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
