package org.tidemq.tools.admin;

import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Looks up the brokers of a cluster in the name server's cluster table, as the cluster-wide commands need. */
public final class ClusterBrokers {
    private ClusterBrokers() {
    }

    /**
     * Master address → its slaves' addresses, broker names sorted; a broker group without a master is keyed
     * by {@code null}.
     *
     * @throws ToolFailure when the cluster is unknown
     */
    public static Map<String, List<String>> mastersAndSlaves(ClusterInfo info, String cluster) {
        Set<String> names = info.clusterAddrTable().get(cluster);
        if (names == null) {
            throw new ToolFailure("unknown cluster '" + cluster + "'; known clusters: "
                    + info.clusterAddrTable().keySet());
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String name : new TreeSet<>(names)) {
            BrokerData data = info.brokerAddrTable().get(name);
            if (data == null) {
                continue;
            }
            List<String> slaves = new ArrayList<>();
            data.brokerAddrs().forEach((id, address) -> {
                if (id != BrokerData.MASTER_ID) {
                    slaves.add(address);
                }
            });
            result.computeIfAbsent(data.masterAddr(), master -> new ArrayList<>()).addAll(slaves);
        }
        return result;
    }

    /** Every broker address (masters then slaves) of the cluster. */
    public static List<String> all(ClusterInfo info, String cluster) {
        List<String> all = new ArrayList<>();
        mastersAndSlaves(info, cluster).forEach((master, slaves) -> {
            if (master != null) {
                all.add(master);
            }
            all.addAll(slaves);
        });
        return all;
    }

    /** The masters of the cluster. */
    public static List<String> masters(ClusterInfo info, String cluster) {
        return mastersAndSlaves(info, cluster).keySet().stream().filter(master -> master != null).toList();
    }
}
