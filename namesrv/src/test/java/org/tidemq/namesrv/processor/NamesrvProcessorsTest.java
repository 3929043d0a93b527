package org.tidemq.namesrv.processor;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.BrokerMemberGroup;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.KVTable;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicList;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.protocol.header.BrokerIdentityHeader;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.config.LiveNamesrvConfig;
import org.tidemq.namesrv.config.NamesrvConfigMapper;
import org.tidemq.namesrv.kv.KvConfigStore;
import org.tidemq.namesrv.route.BrokerAddress;
import org.tidemq.namesrv.route.RegistryPolicy;
import org.tidemq.namesrv.route.RouteBodyCache;
import org.tidemq.namesrv.route.RouteRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The processors against a real registry and KV store, with an embedded channel standing in for the broker. */
class NamesrvProcessorsTest {
    @TempDir
    Path dir;

    private final EmbeddedChannel brokerChannel = new EmbeddedChannel();
    private final RequestContext brokerContext = new RequestContext(brokerChannel);
    private LiveNamesrvConfig config;
    private RouteRegistry registry;
    private KvConfigStore kv;
    private BrokerRegistrationProcessor brokers;
    private RouteQueryProcessor routes;
    private ClusterAdminProcessor admin;
    private KvConfigProcessor kvProcessor;
    private NamesrvConfigProcessor configProcessor;

    @BeforeEach
    void setUp() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("kvConfigPath", dir.resolve("kvConfig.json").toString());
        config = new LiveNamesrvConfig(NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/h"), overrides).config());
        registry = new RouteRegistry(System::currentTimeMillis, () -> RegistryPolicy.DEFAULT);
        kv = KvConfigStore.load(config.get().kvConfigPath());
        brokers = new BrokerRegistrationProcessor(registry, kv, config);
        routes = new RouteQueryProcessor(registry, new RouteBodyCache(registry), kv, config);
        admin = new ClusterAdminProcessor(registry, config);
        kvProcessor = new KvConfigProcessor(kv);
        configProcessor = new NamesrvConfigProcessor(config);
    }

    static RemotingCommand registerRequest(String name, long id, String addr, TopicConfig... topics) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        table.put("DefaultCluster", new TopicConfig("DefaultCluster", 16, 16, 7));
        table.put(name, new TopicConfig(name, 1, 1, 7));
        for (TopicConfig topic : topics) {
            table.put(topic.topicName(), topic);
        }
        byte[] body = new RegisterBrokerBody(new TopicConfigSerializeWrapper(table, new DataVersion(0, 1, 1),
                new DataVersion(0, 1, 1)), List.of()).encode();
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerRequestHeader(name, addr, "DefaultCluster", addr.replace(":10911", ":10912"), id, null,
                false, false, crc32(body), null).writeTo(request);
        return request.setBody(body);
    }

    static int crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private RemotingCommand route(String topic, int version, boolean standardJson) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).setVersion(version)
                .putField("topic", topic);
        if (standardJson) {
            request.putField("acceptStandardJsonOnly", "true");
        }
        return request;
    }

    private static String body(RemotingCommand response) {
        return response.bodyText();
    }

    @Test
    void registerBrokerChecksCrc32() throws Exception {
        RemotingCommand tampered = registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6));
        tampered.putField("bodyCrc32", crc32(tampered.bodyBytes()) ^ 1);
        RemotingCommand rejected = brokers.processNow(brokerContext, tampered);
        assertEquals(ResponseCode.SYSTEM_ERROR, rejected.code());
        assertEquals("crc32 not match", rejected.remark());
        assertEquals(Set.of(), registry.liveBrokers());

        RemotingCommand unchecked = registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6));
        unchecked.putField("bodyCrc32", 0);
        assertEquals(ResponseCode.SUCCESS, brokers.processNow(brokerContext, unchecked).code());

        RemotingCommand checked = registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6));
        RemotingCommand accepted = brokers.processNow(brokerContext, checked);
        assertEquals(ResponseCode.SUCCESS, accepted.code());
        assertTrue(accepted.isResponse());
        assertEquals(checked.opaque(), accepted.opaque());
        assertEquals(Set.of(new BrokerAddress("DefaultCluster", "127.0.0.1:10911")), registry.liveBrokers());
    }

    @Test
    void registerBrokerAnswersMasterAddressesAndOrderTopicConfig() throws Exception {
        kv.put(KvConfigStore.ORDER_TOPIC_CONFIG, "T", "broker-a:4");
        RemotingCommand master = brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911"));
        assertNull(master.field("masterAddr"));
        assertEquals(new KVTable(Map.of("T", "broker-a:4")), KVTable.decode(master.bodyBytes()));

        RemotingCommand slave = brokers.processNow(brokerContext, registerRequest("broker-a", 1, "127.0.0.1:20911"));
        assertEquals("127.0.0.1:10911", slave.field("masterAddr"));
        assertEquals("127.0.0.1:10912", slave.field("haServerAddr"));
    }

    @Test
    void registerBrokerRejectsUndecodableBodyAndMissingFields() throws Exception {
        RemotingCommand garbage = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerRequestHeader("b", "1.1.1.1:1", "c", null, 0, null, null, false, 0, null).writeTo(garbage);
        garbage.setBody("{not json".getBytes(StandardCharsets.UTF_8));
        RemotingCommand response = brokers.processNow(brokerContext, garbage);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().startsWith("Failed to decode RegisterBrokerBody:"), response.remark());

        RemotingCommand missing = RemotingCommand.request(RequestCode.REGISTER_BROKER).putField("brokerName", "b");
        RemotingCommand missingResponse = brokers.processNow(brokerContext, missing);
        assertEquals(ResponseCode.SYSTEM_ERROR, missingResponse.code());
        assertEquals("the custom field <brokerAddr> is null", missingResponse.remark());
    }

    @Test
    void routeQueryHonoursVersionForKeyQuoting() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6)));
        brokers.processNow(brokerContext, registerRequest("broker-a", 1, "127.0.0.1:20911"));

        String modern = body(routes.processNow(brokerContext, route("T", RemotingVersion.V5_2_0, false)));
        assertTrue(modern.contains("\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\",\"1\":\"127.0.0.1:20911\"}"), modern);
        String boundary = body(routes.processNow(brokerContext, route("T", RemotingVersion.V4_9_4, false)));
        assertEquals(modern, boundary);
        String old = body(routes.processNow(brokerContext, route("T", RemotingVersion.V4_9_3, false)));
        assertTrue(old.contains("\"brokerAddrs\":{0:\"127.0.0.1:10911\",1:\"127.0.0.1:20911\"}"), old);
        String oldButStandard = body(routes.processNow(brokerContext, route("T", RemotingVersion.V4_9_3, true)));
        assertEquals(modern, oldButStandard);
        assertEquals(List.of(new QueueData("broker-a", 4, 4, 6, 0)),
                TopicRouteData.decode(old.getBytes(StandardCharsets.UTF_8)).queueDatas());
    }

    @Test
    void unknownTopicAnswersTopicNotExist() throws Exception {
        RemotingCommand response = routes.processNow(brokerContext, route("Nope", RemotingVersion.V5_2_0, false));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, response.code());
        assertEquals("No topic route info in name server for the topic: Nope"
                + "\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.", response.remark());
        assertNull(response.body());

        RemotingCommand noTopic = routes.processNow(brokerContext, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC));
        assertEquals(ResponseCode.SYSTEM_ERROR, noTopic.code());
        assertEquals("the custom field <topic> is null", noTopic.remark());
    }

    @Test
    void orderTopicConfAddedWhenEnabled() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6)));
        kv.put(KvConfigStore.ORDER_TOPIC_CONFIG, "T", "broker-a:4");
        assertNull(TopicRouteData.decode(routes.processNow(brokerContext, route("T", 453, false)).bodyBytes()).orderTopicConf());
        Properties enable = new Properties();
        enable.setProperty("orderMessageEnable", "true");
        config.update(enable);
        assertEquals("broker-a:4",
                TopicRouteData.decode(routes.processNow(brokerContext, route("T", 453, false)).bodyBytes()).orderTopicConf());
    }

    @Test
    void queryDataVersionAndUnregister() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6)));
        RemotingCommand query = new BrokerIdentityHeader("DefaultCluster", "127.0.0.1:10911", "broker-a", 0)
                .writeTo(RemotingCommand.request(RequestCode.QUERY_DATA_VERSION))
                .setBody(new DataVersion(0, 1, 1).encode());
        RemotingCommand same = brokers.processNow(brokerContext, query);
        assertEquals("false", same.field("changed"));
        assertEquals(new DataVersion(0, 1, 1), DataVersion.decode(same.bodyBytes()));
        query.setBody(new DataVersion(0, 2, 2).encode());
        assertEquals("true", brokers.processNow(brokerContext, query).field("changed"));

        RemotingCommand unregister = new BrokerIdentityHeader("DefaultCluster", "127.0.0.1:10911", "broker-a", 0)
                .writeTo(RemotingCommand.request(RequestCode.UNREGISTER_BROKER));
        assertEquals(ResponseCode.SUCCESS, brokers.processNow(brokerContext, unregister).code());
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, routes.processNow(brokerContext, route("T", 453, false)).code());
    }

    @Test
    void clusterAdminQueries() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911", new TopicConfig("T", 4, 4, 6)));
        brokers.processNow(brokerContext, registerRequest("broker-a", 1, "127.0.0.1:20911"));

        RemotingCommand clusterResponse = admin.processNow(brokerContext, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO));
        assertTrue(body(clusterResponse).contains("\"brokerAddrs\":{0:\"127.0.0.1:10911\",1:\"127.0.0.1:20911\"}"),
                "cluster info always has bare keys: " + body(clusterResponse));
        ClusterInfo info = ClusterInfo.decode(clusterResponse.bodyBytes());
        assertEquals(Map.of("DefaultCluster", Set.of("broker-a")), info.clusterAddrTable());

        TopicList all = TopicList.decode(admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).bodyBytes());
        assertEquals(Set.of("T", "DefaultCluster", "broker-a"), all.topicList());
        TopicList byCluster = TopicList.decode(admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER).putField("cluster", "DefaultCluster")).bodyBytes());
        assertEquals(all.topicList(), byCluster.topicList());
        TopicList system = TopicList.decode(admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS)).bodyBytes());
        assertEquals(new TopicList(Set.of("DefaultCluster", "broker-a"), "127.0.0.1:10911").topicList(), system.topicList());
        assertEquals("127.0.0.1:10911", system.brokerAddr());
        for (int code : new int[] {RequestCode.GET_UNIT_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST,
            RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST}) {
            assertEquals("{\"topicList\":[]}", body(admin.processNow(brokerContext, RemotingCommand.request(code))));
        }

        RemotingCommand group = admin.processNow(brokerContext, RemotingCommand.request(RequestCode.GET_BROKER_MEMBER_GROUP)
                .putField("clusterName", "DefaultCluster").putField("brokerName", "broker-a"));
        assertEquals("{\"brokerMemberGroup\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\",1:\"127.0.0.1:20911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}}", body(group));
        assertEquals(2, BrokerMemberGroup.decodeResponseBody(group.bodyBytes()).brokerAddrs().size());

        RemotingCommand wipe = admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER).putField("brokerName", "broker-a"));
        assertEquals("3", wipe.field("wipeTopicCount"));
        assertEquals(4, registry.route("T").queueDatas().get(0).perm());
        RemotingCommand add = admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.ADD_WRITE_PERM_OF_BROKER).putField("brokerName", "broker-a"));
        assertEquals("3", add.field("addTopicCount"));
        assertEquals(6, registry.route("T").queueDatas().get(0).perm());
    }

    @Test
    void topicListsCanBeDisabled() throws Exception {
        Properties disable = new Properties();
        disable.setProperty("enableAllTopicList", "false");
        disable.setProperty("enableTopicList", "false");
        config.update(disable);
        RemotingCommand all = admin.processNow(brokerContext, RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
        assertEquals(ResponseCode.SYSTEM_ERROR, all.code());
        assertEquals("disable", all.remark());
        assertEquals("disable", admin.processNow(brokerContext,
                RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER).putField("cluster", "c")).remark());
    }

    @Test
    void registerAndDeleteTopicInNamesrv() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911"));
        TopicRouteData wanted = new TopicRouteData(null, List.of(new QueueData("broker-a", 2, 2, 6, 0)), List.of(), Map.of());
        RemotingCommand register = RemotingCommand.request(RequestCode.REGISTER_TOPIC_IN_NAMESRV).putField("topic", "New")
                .setBody(wanted.encode());
        assertEquals(ResponseCode.SUCCESS, admin.processNow(brokerContext, register).code());
        assertEquals(wanted.queueDatas(), registry.route("New").queueDatas());

        TopicRouteData ghost = new TopicRouteData(null, List.of(new QueueData("ghost", 2, 2, 6, 0)), List.of(), Map.of());
        RemotingCommand bad = admin.processNow(brokerContext, RemotingCommand.request(RequestCode.REGISTER_TOPIC_IN_NAMESRV)
                .putField("topic", "Ghost").setBody(ghost.encode()));
        assertEquals(ResponseCode.SYSTEM_ERROR, bad.code());
        assertNull(registry.route("Ghost"));

        RemotingCommand delete = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV).putField("topic", "New")
                .putField("clusterName", "DefaultCluster");
        assertEquals(ResponseCode.SUCCESS, admin.processNow(brokerContext, delete).code());
        assertNull(registry.route("New"));
    }

    @Test
    void kvConfigLifecycle() throws Exception {
        RemotingCommand put = RemotingCommand.request(RequestCode.PUT_KV_CONFIG)
                .putField("namespace", "ns").putField("key", "k").putField("value", "v");
        assertEquals(ResponseCode.SUCCESS, kvProcessor.processNow(brokerContext, put).code());
        RemotingCommand get = RemotingCommand.request(RequestCode.GET_KV_CONFIG).putField("namespace", "ns").putField("key", "k");
        assertEquals("v", kvProcessor.processNow(brokerContext, get).field("value"));
        RemotingCommand list = RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE).putField("namespace", "ns");
        assertEquals("{\"table\":{\"k\":\"v\"}}", body(kvProcessor.processNow(brokerContext, list)));

        RemotingCommand delete = RemotingCommand.request(RequestCode.DELETE_KV_CONFIG).putField("namespace", "ns").putField("key", "k");
        assertEquals(ResponseCode.SUCCESS, kvProcessor.processNow(brokerContext, delete).code());
        RemotingCommand missing = kvProcessor.processNow(brokerContext, get);
        assertEquals(ResponseCode.QUERY_NOT_FOUND, missing.code());
        assertEquals("No config item, Namespace: ns Key: k", missing.remark());
        RemotingCommand missingNs = kvProcessor.processNow(brokerContext,
                RemotingCommand.request(RequestCode.GET_KVLIST_BY_NAMESPACE).putField("namespace", "none"));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, missingNs.code());
        assertEquals("No config item, Namespace: none", missingNs.remark());
        RemotingCommand noKey = kvProcessor.processNow(brokerContext,
                RemotingCommand.request(RequestCode.PUT_KV_CONFIG).putField("namespace", "ns"));
        assertEquals("namespace or key is null", noKey.remark());
    }

    @Test
    void namesrvConfigGetAndUpdate() throws Exception {
        String text = body(configProcessor.processNow(brokerContext, RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG)));
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(text));
        assertEquals("9876", properties.getProperty("listenPort"));
        assertEquals("false", properties.getProperty("orderMessageEnable"));

        RemotingCommand update = RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG).setBody("orderMessageEnable=true\n");
        assertEquals(ResponseCode.SUCCESS, configProcessor.processNow(brokerContext, update).code());
        assertTrue(config.get().orderMessageEnable());

        RemotingCommand invalid = configProcessor.processNow(brokerContext,
                RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG).setBody("enableTopicList=maybe\n"));
        assertEquals(ResponseCode.SYSTEM_ERROR, invalid.code());
        assertEquals("invalid value 'maybe' for enableTopicList: expected true or false", invalid.remark());
        assertTrue(config.get().enableTopicList());

        RemotingCommand black = configProcessor.processNow(brokerContext,
                RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG).setBody("kvConfigPath=/etc/x\n"));
        assertEquals(ResponseCode.NO_PERMISSION, black.code());
        assertEquals("Can not update config in black list.", black.remark());
        assertFalse(config.get().kvConfigPath().toString().startsWith("/etc"));
    }

    @Test
    void bodyIsParseableJsonForEveryListingCode() throws Exception {
        brokers.processNow(brokerContext, registerRequest("broker-a", 0, "127.0.0.1:10911"));
        for (int code : new int[] {RequestCode.GET_BROKER_CLUSTER_INFO, RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
            RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS}) {
            JsonReader.parseObject(admin.processNow(brokerContext, RemotingCommand.request(code)).bodyBytes());
        }
    }
}
