package org.tidemq.common.protocol;

import org.junit.jupiter.api.Test;
import org.tidemq.common.json.IntKeyStyle;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Byte-exact comparisons against fastjson output captured from RocketMQ 5.2.0 (facts sheet §4.7, §4.8). */
class WireModelJsonTest {

    private static final String LIVE_ROUTE = "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\","
            + "\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}],\"filterServerTable\":{},"
            + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":7,\"readQueueNums\":8,\"topicSysFlag\":0,\"writeQueueNums\":8}]}";

    private static final String LIVE_CLUSTER_INFO = "{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},"
            + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}},"
            + "\"clusterAddrTable\":{\"DefaultCluster\":[\"broker-a\"]}}";

    private static final String JVM_REGISTER_BODY = "{\"filterServerList\":[],"
            + "\"topicConfigSerializeWrapper\":{"
            + "\"dataVersion\":{\"counter\":0,\"stateVersion\":0,\"timestamp\":1700000000000},"
            + "\"mappingDataVersion\":{\"counter\":0,\"stateVersion\":0,\"timestamp\":1700000000000},"
            + "\"topicConfigTable\":{\"TopicA\":{\"attributes\":{},\"order\":true,\"perm\":6,\"readQueueNums\":4,\"topicFilterType\":\"SINGLE_TAG\","
            + "\"topicName\":\"TopicA\",\"topicSysFlag\":0,\"writeQueueNums\":4}},"
            + "\"topicQueueMappingDetailMap\":{},\"topicQueueMappingInfoMap\":{}}}";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void routeMatchesLiveCaptureInBothKeyStyles() {
        TopicRouteData route = new TopicRouteData(null,
                List.of(new QueueData("broker-a", 8, 8, 7, 0)),
                List.of(new BrokerData("DefaultCluster", "broker-a", Map.of(0L, "127.0.0.1:10911"))),
                Map.of());
        assertEquals(LIVE_ROUTE, text(route.encode(IntKeyStyle.QUOTED)));
        assertEquals(LIVE_ROUTE.replace("{\"0\":", "{0:"), text(route.encode(IntKeyStyle.UNQUOTED)));
        assertEquals(route, TopicRouteData.decode(LIVE_ROUTE.getBytes(StandardCharsets.UTF_8)));
        assertEquals(route, TopicRouteData.decode(route.encode(IntKeyStyle.UNQUOTED)));
    }

    @Test
    void routeWithSlaveZoneAndOrderConf() {
        TreeMap<Long, String> addrs = new TreeMap<>(Map.of(1L, "10.0.0.2:10911", 0L, "10.0.0.1:10911"));
        TopicRouteData route = new TopicRouteData("broker-a:4",
                List.of(new QueueData("broker-a", 4, 4, 6, 0)),
                List.of(new BrokerData("c1", "broker-a", addrs, "zone-1", true)),
                Map.of("10.0.0.1:10911", List.of("f1")));
        String json = text(route.encode(IntKeyStyle.UNQUOTED));
        assertEquals("{\"brokerDatas\":[{\"brokerAddrs\":{0:\"10.0.0.1:10911\",1:\"10.0.0.2:10911\"},\"brokerName\":\"broker-a\","
                + "\"cluster\":\"c1\",\"enableActingMaster\":true,\"zoneName\":\"zone-1\"}],"
                + "\"filterServerTable\":{\"10.0.0.1:10911\":[\"f1\"]},\"orderTopicConf\":\"broker-a:4\","
                + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}]}", json);
        assertEquals(route, TopicRouteData.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void clusterInfoMatchesLiveCapture() {
        ClusterInfo info = new ClusterInfo(
                Map.of("broker-a", new BrokerData("DefaultCluster", "broker-a", Map.of(0L, "127.0.0.1:10911"))),
                Map.of("DefaultCluster", Set.of("broker-a")));
        assertEquals(LIVE_CLUSTER_INFO, text(info.encode()));
        assertEquals(info, ClusterInfo.decode(LIVE_CLUSTER_INFO.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void registerBrokerBodyMatchesJvmCapture() {
        RegisterBrokerBody body = RegisterBrokerBody.decode(JVM_REGISTER_BODY.getBytes(StandardCharsets.UTF_8));
        TopicConfig topic = body.topicConfigSerializeWrapper().topicConfigTable().get("TopicA");
        assertEquals(new TopicConfig("TopicA", 4, 4, 6, TopicFilterType.SINGLE_TAG, 0, true, Map.of()), topic);
        assertEquals(new DataVersion(0, 1700000000000L, 0), body.topicConfigSerializeWrapper().dataVersion());
        assertEquals(JVM_REGISTER_BODY, text(body.encode()));
    }

    @Test
    void registerBrokerBody4xFormHasNoMappingFields() {
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper(
                Map.of("T", new TopicConfig("T", 1, 1, 6)), new DataVersion(0, 5, 2), null);
        String json = text(new RegisterBrokerBody(wrapper, List.of()).encode());
        assertEquals("{\"filterServerList\":[],\"topicConfigSerializeWrapper\":{\"dataVersion\":{\"counter\":2,\"stateVersion\":0,"
                + "\"timestamp\":5},\"topicConfigTable\":{\"T\":{\"attributes\":{},\"order\":false,\"perm\":6,\"readQueueNums\":1,"
                + "\"topicFilterType\":\"SINGLE_TAG\",\"topicName\":\"T\",\"topicSysFlag\":0,\"writeQueueNums\":1}}}}", json);
    }

    @Test
    void topicConfigWithoutNameTakesTableKeyAndDefaults() {
        TopicConfigSerializeWrapper wrapper = TopicConfigSerializeWrapper.decode(
                "{\"topicConfigTable\":{\"X\":{\"perm\":\"7\"}}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new TopicConfig("X", 16, 16, 7), wrapper.topicConfigTable().get("X"));
        assertEquals(new DataVersion(0, 0, 0), wrapper.dataVersion());
    }

    @Test
    void memberGroupTopicListAndKvTableShapes() {
        BrokerMemberGroup group = new BrokerMemberGroup("c", "b", new TreeMap<>(Map.of(0L, "h:1", 2L, "h:3")));
        String groupJson = text(group.encodeResponseBody());
        assertEquals("{\"brokerMemberGroup\":{\"brokerAddrs\":{0:\"h:1\",2:\"h:3\"},\"brokerName\":\"b\",\"cluster\":\"c\"}}", groupJson);
        assertEquals(group, BrokerMemberGroup.decodeResponseBody(groupJson.getBytes(StandardCharsets.UTF_8)));

        TopicList system = new TopicList(new LinkedHashSet<>(List.of("broker-a", "DefaultCluster")), "127.0.0.1:10911");
        assertEquals("{\"brokerAddr\":\"127.0.0.1:10911\",\"topicList\":[\"broker-a\",\"DefaultCluster\"]}", text(system.encode()));
        assertEquals("{\"topicList\":[]}", text(new TopicList(Set.of()).encode()));
        assertEquals(system, TopicList.decode(system.encode()));

        KVTable table = new KVTable(Map.of("b", "2", "a", "1"));
        assertEquals("{\"table\":{\"a\":\"1\",\"b\":\"2\"}}", text(table.encode()));
        assertEquals(table, KVTable.decode(table.encode()));
    }

    @Test
    void dataVersionEqualityCoversAllParts() {
        DataVersion v = new DataVersion(0, 100, 1);
        assertEquals(v, DataVersion.decode(v.encode()));
        assertNotEquals(v, v.next(100));
        assertNotEquals(v, new DataVersion(0, 101, 1));
        assertNotEquals(v, new DataVersion(1, 100, 1));
        assertEquals(new DataVersion(0, 200, 2), v.next(200));
    }
}
