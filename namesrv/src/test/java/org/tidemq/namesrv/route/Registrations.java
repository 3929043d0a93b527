package org.tidemq.namesrv.route;

import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for registrations in registry tests. */
final class Registrations {
    private Registrations() {
    }

    static Map<String, TopicConfig> topics(TopicConfig... configs) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        for (TopicConfig config : configs) {
            table.put(config.topicName(), config);
        }
        return table;
    }

    /**
     * A 5.x broker registration. Like a real broker (clusterTopicEnable/brokerTopicEnable) it always carries its
     * cluster and broker-name topics besides {@code configs}.
     */
    static BrokerRegistration broker(String cluster, String name, long id, String addr, DataVersion version,
                                     TopicConfig... configs) {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        table.put(cluster, new TopicConfig(cluster, 16, 16, 7));
        table.put(name, new TopicConfig(name, 1, 1, 7));
        table.putAll(topics(configs));
        return new BrokerRegistration(cluster, addr, name, id, addr.replace(":10911", ":10912"), null, null, false,
                new TopicConfigSerializeWrapper(table, version, null), List.of());
    }

    /** A 5.x registration carrying exactly {@code configs}. */
    static BrokerRegistration bareBroker(String cluster, String name, long id, String addr, DataVersion version,
                                         TopicConfig... configs) {
        return new BrokerRegistration(cluster, addr, name, id, null, null, null, false,
                new TopicConfigSerializeWrapper(topics(configs), version, null), List.of());
    }

    static BrokerRegistration legacyBroker(String cluster, String name, long id, String addr, DataVersion version,
                                           TopicConfig... configs) {
        return new BrokerRegistration(cluster, addr, name, id, null, null, null, null,
                new TopicConfigSerializeWrapper(topics(configs), version, null), List.of());
    }
}
