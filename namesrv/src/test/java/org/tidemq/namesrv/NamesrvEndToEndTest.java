package org.tidemq.namesrv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.namesrv.config.NamesrvConfigMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real name server on an ephemeral port, spoken to through the real Netty client. */
class NamesrvEndToEndTest {
    @TempDir
    Path dir;

    private NamesrvController namesrv;
    private NettyRemotingClient client;
    private String address;

    @BeforeEach
    void start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("listenPort", "0");
        properties.setProperty("bindAddress", "127.0.0.1");
        properties.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        properties.setProperty("clientRequestThreadPoolNums", "2");
        properties.setProperty("defaultThreadPoolNums", "2");
        namesrv = new NamesrvController(NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/h"), properties).config());
        namesrv.start();
        address = "127.0.0.1:" + namesrv.localPort();
        client = new NettyRemotingClient(NettyClientConfig.defaults());
        client.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    private RemotingCommand register(String name, long id, String addr) throws Exception {
        TopicConfigSerializeWrapper topics = new TopicConfigSerializeWrapper(Map.of(
                "TopicA", new TopicConfig("TopicA", 4, 4, 6), "DefaultCluster", new TopicConfig("DefaultCluster", 16, 16, 7),
                name, new TopicConfig(name, 1, 1, 7)), new DataVersion(0, 1, 1), new DataVersion(0, 1, 1));
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerRequestHeader(name, addr, "DefaultCluster", addr, id, null, false, false, 0, null).writeTo(request);
        request.setBody(new RegisterBrokerBody(topics, List.of()).encode());
        return client.invokeSync(address, request, 3000);
    }

    @Test
    void registerRouteAndClusterInfoOverTheWire() throws Exception {
        assertEquals(ResponseCode.SUCCESS, register("broker-a", 0, "127.0.0.1:10911").code());
        RemotingCommand slave = register("broker-a", 1, "127.0.0.1:20911");
        assertEquals("127.0.0.1:10911", slave.field("masterAddr"));

        RemotingCommand route = client.invokeSync(address,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", "TopicA"), 3000);
        assertEquals(ResponseCode.SUCCESS, route.code());
        TopicRouteData data = TopicRouteData.decode(route.bodyBytes());
        assertEquals(Map.of(0L, "127.0.0.1:10911", 1L, "127.0.0.1:20911"), data.brokerDatas().get(0).brokerAddrs());
        assertTrue(route.bodyText().contains("{\"0\":"), "a 5.2 request gets quoted keys: " + route.bodyText());

        RemotingCommand missing = client.invokeSync(address,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", "Nope"), 3000);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, missing.code());

        ClusterInfo info = ClusterInfo.decode(client.invokeSync(address,
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), 3000).bodyBytes());
        assertEquals(Set.of("broker-a"), info.clusterAddrTable().get("DefaultCluster"));

        RemotingCommand unknownCode = client.invokeSync(address, RemotingCommand.request(RequestCode.PULL_MESSAGE), 3000);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unknownCode.code());
    }

    @Test
    void closingTheBrokerConnectionDropsItAtOnce() throws Exception {
        register("broker-a", 0, "127.0.0.1:10911");
        assertEquals(1, namesrv.registry().liveBrokers().size());
        client.closeChannel(address);
        await().atMost(Duration.ofSeconds(5)).until(() -> namesrv.registry().liveBrokers().isEmpty());
        RemotingCommand route = client.invokeSync(address,
                RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", "TopicA"), 3000);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, route.code());
    }

    @Test
    void kvConfigSurvivesRestart() throws Exception {
        RemotingCommand put = RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                .putField("namespace", "ns").putField("key", "k").putField("value", "v");
        assertEquals(ResponseCode.SUCCESS, client.invokeSync(address, put, 3000).code());
        namesrv.shutdown();
        namesrv = new NamesrvController(namesrv.config());
        namesrv.start();
        address = "127.0.0.1:" + namesrv.localPort();
        RemotingCommand get = client.invokeSync(address, RemotingCommand.request(RequestCode.GET_KV_CONFIG)
                .putField("namespace", "ns").putField("key", "k"), 3000);
        assertEquals("v", get.field("value"));
    }
}
