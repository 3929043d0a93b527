package org.tidemq.namesrv.route;

import org.tidemq.common.protocol.BrokerData;

import java.util.Objects;
import java.util.TreeMap;

/** The mutable registry entry of one broker name; guarded by the registry's lock. */
final class BrokerGroup {
    final String cluster;
    final String brokerName;
    final TreeMap<Long, String> addrs = new TreeMap<>();
    String zoneName;
    boolean enableActingMaster;

    BrokerGroup(String cluster, String brokerName) {
        this.cluster = cluster;
        this.brokerName = brokerName;
    }

    /** Updates zone and acting-master flag; true if either changed. */
    boolean update(String newZoneName, boolean newEnableActingMaster) {
        boolean changed = !Objects.equals(zoneName, newZoneName) || enableActingMaster != newEnableActingMaster;
        zoneName = newZoneName;
        enableActingMaster = newEnableActingMaster;
        return changed;
    }

    boolean hasNoMaster() {
        return addrs.isEmpty() || addrs.firstKey() > BrokerData.MASTER_ID;
    }

    BrokerData snapshot() {
        return new BrokerData(cluster, brokerName, addrs, zoneName, enableActingMaster);
    }
}
