package org.tidemq.it.namesrv;

import com.alibaba.fastjson.serializer.SerializerFeature;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.BrokerMemberGroup;
import org.apache.rocketmq.remoting.protocol.body.GetBrokerMemberGroupResponseBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;
import org.junit.jupiter.api.Test;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.protocol.TopicRouteData;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TideMQ's JSON against the real thing: RocketMQ 5.2.0's classes serialized and parsed by fastjson 1.2.83, in both
 * directions.
 */
class FastjsonInteropTest {

    private static org.apache.rocketmq.remoting.protocol.route.BrokerData rmqBroker(String cluster, String name,
                                                                                   Map<Long, String> addrs) {
        return new org.apache.rocketmq.remoting.protocol.route.BrokerData(cluster, name, new HashMap<>(addrs));
    }

    @Test
    void fastjsonReadsOurRouteInBothKeyStyles() {
        TopicRouteData ours = new TopicRouteData("broker-a:4", List.of(new QueueData("broker-a", 4, 4, 6, 0)),
                List.of(new BrokerData("c", "broker-a", new TreeMap<>(Map.of(0L, "h:1", 1L, "h:2")), "z", true)),
                Map.of("h:1", List.of("f")));
        for (IntKeyStyle style : IntKeyStyle.values()) {
            org.apache.rocketmq.remoting.protocol.route.TopicRouteData theirs =
                    org.apache.rocketmq.remoting.protocol.route.TopicRouteData.decode(ours.encode(style),
                            org.apache.rocketmq.remoting.protocol.route.TopicRouteData.class);
            assertEquals("broker-a:4", theirs.getOrderTopicConf());
            assertEquals(Map.of(0L, "h:1", 1L, "h:2"), theirs.getBrokerDatas().get(0).getBrokerAddrs());
            assertEquals("z", theirs.getBrokerDatas().get(0).getZoneName());
            assertTrue(theirs.getBrokerDatas().get(0).isEnableActingMaster());
            org.apache.rocketmq.remoting.protocol.route.QueueData queue = theirs.getQueueDatas().get(0);
            assertEquals(List.of("broker-a", 4, 4, 6, 0), List.of(queue.getBrokerName(), queue.getReadQueueNums(),
                    queue.getWriteQueueNums(), queue.getPerm(), queue.getTopicSysFlag()));
            assertEquals(Map.of("h:1", List.of("f")), theirs.getFilterServerTable());
        }
    }

    @Test
    void ourUnquotedRouteIsByteIdenticalToFastjsonDefaultAndQuotedToStandardMode() {
        org.apache.rocketmq.remoting.protocol.route.TopicRouteData theirs = new org.apache.rocketmq.remoting.protocol.route.TopicRouteData();
        org.apache.rocketmq.remoting.protocol.route.QueueData queue = new org.apache.rocketmq.remoting.protocol.route.QueueData();
        queue.setBrokerName("broker-a");
        queue.setReadQueueNums(8);
        queue.setWriteQueueNums(8);
        queue.setPerm(6);
        theirs.setQueueDatas(List.of(queue));
        theirs.setBrokerDatas(List.of(rmqBroker("c", "broker-a", Map.of(0L, "h:1", 1L, "h:2"))));
        theirs.setFilterServerTable(new HashMap<>());

        TopicRouteData ours = new TopicRouteData(null, List.of(new QueueData("broker-a", 8, 8, 6, 0)),
                List.of(new BrokerData("c", "broker-a", Map.of(0L, "h:1", 1L, "h:2"))), Map.of());
        assertEquals(new String(theirs.encode(), StandardCharsets.UTF_8),
                new String(ours.encode(IntKeyStyle.UNQUOTED), StandardCharsets.UTF_8));
        // What a 5.2.0 name server sends to clients ≥ 4.9.4.
        byte[] standard = theirs.encode(SerializerFeature.BrowserCompatible, SerializerFeature.QuoteFieldNames,
                SerializerFeature.SkipTransientField, SerializerFeature.MapSortField);
        assertEquals(new String(standard, StandardCharsets.UTF_8), new String(ours.encode(IntKeyStyle.QUOTED), StandardCharsets.UTF_8));
    }

    @Test
    void weReadFastjsonClusterInfoAndItReadsOurs() {
        org.apache.rocketmq.remoting.protocol.body.ClusterInfo theirs = new org.apache.rocketmq.remoting.protocol.body.ClusterInfo();
        theirs.setBrokerAddrTable(new HashMap<>(Map.of("broker-a", rmqBroker("c", "broker-a", Map.of(0L, "h:1", 2L, "h:3")))));
        theirs.setClusterAddrTable(new HashMap<>(Map.of("c", new HashSet<>(Set.of("broker-a")))));
        byte[] fastjsonBytes = theirs.encode();
        assertTrue(new String(fastjsonBytes, StandardCharsets.UTF_8).contains("{0:\"h:1\",2:\"h:3\"}"));

        ClusterInfo ours = ClusterInfo.decode(fastjsonBytes);
        assertEquals(Map.of(0L, "h:1", 2L, "h:3"), ours.brokerAddrTable().get("broker-a").brokerAddrs());
        assertEquals(Map.of("c", Set.of("broker-a")), ours.clusterAddrTable());
        assertEquals(new String(fastjsonBytes, StandardCharsets.UTF_8), new String(ours.encode(), StandardCharsets.UTF_8));

        org.apache.rocketmq.remoting.protocol.body.ClusterInfo back = org.apache.rocketmq.remoting.protocol.body.ClusterInfo
                .decode(ours.encode(), org.apache.rocketmq.remoting.protocol.body.ClusterInfo.class);
        assertEquals(theirs, back);
    }

    @Test
    void registerBrokerBodyBothWays() throws Exception {
        org.apache.rocketmq.common.TopicConfig topic = new org.apache.rocketmq.common.TopicConfig("TopicA", 4, 4, 6);
        topic.setOrder(true);
        topic.getAttributes().put("+message.type", "FIFO");
        TopicConfigAndMappingSerializeWrapper wrapper = new TopicConfigAndMappingSerializeWrapper();
        wrapper.getTopicConfigTable().put("TopicA", topic);
        org.apache.rocketmq.remoting.protocol.DataVersion version = new org.apache.rocketmq.remoting.protocol.DataVersion();
        version.setTimestamp(1700000000000L);
        version.setCounter(new AtomicLong(3));
        wrapper.setDataVersion(version);
        org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody theirs = new org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody();
        theirs.setTopicConfigSerializeWrapper(wrapper);

        RegisterBrokerBody ours = RegisterBrokerBody.decode(theirs.encode(false));
        TopicConfigSerializeWrapper topics = ours.topicConfigSerializeWrapper();
        assertEquals(new DataVersion(0, 1700000000000L, 3), topics.dataVersion());
        assertEquals(new TopicConfig("TopicA", 4, 4, 6, TopicFilterType.SINGLE_TAG, 0, true, Map.of("+message.type", "FIFO")),
                topics.topicConfigTable().get("TopicA"));

        org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody back =
                org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody.decode(ours.encode(), false, MQVersion.Version.V5_2_0);
        org.apache.rocketmq.common.TopicConfig backTopic = back.getTopicConfigSerializeWrapper().getTopicConfigTable().get("TopicA");
        assertEquals(topic, backTopic);
        assertEquals(version, back.getTopicConfigSerializeWrapper().getDataVersion());
    }

    @Test
    void weReadMessageQueueObjectKeysAsFastjsonWritesThem() {
        TopicStatsTable stats = new TopicStatsTable();
        Map<MessageQueue, TopicOffset> table = new HashMap<>();
        TopicOffset offset = new TopicOffset();
        offset.setMaxOffset(42);
        offset.setMinOffset(7);
        table.put(new MessageQueue("t", "b", 3), offset);
        stats.setOffsetTable(table);
        JsonObject parsed = JsonReader.parseObject(stats.encode());
        Map.Entry<Object, Object> entry = parsed.object("offsetTable").members().entrySet().iterator().next();
        JsonObject key = (JsonObject) entry.getKey();
        assertEquals(List.of("b", 3, "t"), List.of(key.string("brokerName"), key.intValue("queueId", -1), key.string("topic")));
        assertEquals(42L, ((JsonObject) entry.getValue()).longValue("maxOffset", -1));
        assertEquals(7L, ((JsonObject) entry.getValue()).longValue("minOffset", -1));
    }

    @Test
    void fastjsonReadsOurMessageQueueObjectKeys() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("offsetTable").beginObject()
                .beginObjectName().field("brokerName", "b").field("queueId", 3).field("topic", "t").endObjectName()
                .beginObject().field("lastUpdateTimestamp", 0).field("maxOffset", 42).field("minOffset", 7).endObject()
                .endObject().endObject();
        TopicStatsTable theirs = TopicStatsTable.decode(writer.toBytes(), TopicStatsTable.class);
        TopicOffset offset = theirs.getOffsetTable().get(new MessageQueue("t", "b", 3));
        assertEquals(42, offset.getMaxOffset());
        assertEquals(7, offset.getMinOffset());
    }

    @Test
    void fastjsonReadsOurBrokerMemberGroup() {
        org.tidemq.common.protocol.BrokerMemberGroup ours = new org.tidemq.common.protocol.BrokerMemberGroup("c", "b",
                new TreeMap<>(Map.of(0L, "h:1", 1L, "h:2")));
        GetBrokerMemberGroupResponseBody theirs = GetBrokerMemberGroupResponseBody.decode(ours.encodeResponseBody(),
                GetBrokerMemberGroupResponseBody.class);
        BrokerMemberGroup group = theirs.getBrokerMemberGroup();
        assertEquals("c", group.getCluster());
        assertEquals("b", group.getBrokerName());
        assertEquals(Map.of(0L, "h:1", 1L, "h:2"), group.getBrokerAddrs());
    }
}
