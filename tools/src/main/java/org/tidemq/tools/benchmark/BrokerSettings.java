package org.tidemq.tools.benchmark;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.protocol.BrokerData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads every broker's role and flush mode through the admin client, for the header and the summary. */
public final class BrokerSettings {
    private static final String SLAVE_ROLE = "SLAVE";
    private final Function<String, AdminClient> adminFactory;

    public BrokerSettings(Function<String, AdminClient> adminFactory) {
        this.adminFactory = adminFactory;
    }

    /**
     * The settings of every broker the name servers know, sorted by broker name then broker id. A broker that does
     * not answer is listed with {@code ?} values rather than failing the run.
     *
     * @throws RuntimeException when the name servers cannot be asked (the run could not work either)
     */
    public List<BrokerSetting> read(String namesrvAddr) {
        List<BrokerSetting> settings = new ArrayList<>();
        try (AdminClient admin = adminFactory.apply(namesrvAddr)) {
            for (BrokerData broker : admin.clusterInfo().brokerAddrTable().values()) {
                for (String address : broker.brokerAddrs().values()) {
                    settings.add(read(admin, broker.brokerName(), address));
                }
            }
        }
        return settings;
    }

    /** The masters (by address) of the broker groups that have at least one slave. */
    public static List<String> mastersWithSlaves(List<BrokerSetting> brokers) {
        Set<String> replicatedGroups = new HashSet<>();
        for (BrokerSetting broker : brokers) {
            if (SLAVE_ROLE.equals(broker.brokerRole())) {
                replicatedGroups.add(broker.brokerName());
            }
        }
        List<String> masters = new ArrayList<>();
        for (BrokerSetting broker : brokers) {
            if (replicatedGroups.contains(broker.brokerName()) && broker.brokerRole().endsWith("_MASTER")) {
                masters.add(broker.address());
            }
        }
        return masters;
    }

    private static BrokerSetting read(AdminClient admin, String brokerName, String address) {
        try {
            Map<String, String> config = admin.brokerConfig(address);
            return new BrokerSetting(brokerName, address, config.getOrDefault("brokerRole", BrokerSetting.UNKNOWN),
                    config.getOrDefault("flushDiskType", BrokerSetting.UNKNOWN));
        } catch (RuntimeException unanswered) {
            return new BrokerSetting(brokerName, address, BrokerSetting.UNKNOWN, BrokerSetting.UNKNOWN);
        }
    }
}
