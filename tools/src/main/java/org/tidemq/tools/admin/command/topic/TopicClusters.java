package org.tidemq.tools.admin.command.topic;

import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.TopicRouteData;

import java.util.Set;
import java.util.TreeSet;

/** The clusters whose brokers serve a topic, found by matching the route's broker names with the cluster table. */
final class TopicClusters {
    private TopicClusters() {
    }

    static Set<String> of(TopicRouteData route, ClusterInfo info) {
        Set<String> clusters = new TreeSet<>();
        for (BrokerData broker : route.brokerDatas()) {
            info.clusterAddrTable().forEach((cluster, brokerNames) -> {
                if (brokerNames.contains(broker.brokerName())) {
                    clusters.add(cluster);
                }
            });
        }
        return clusters;
    }
}
