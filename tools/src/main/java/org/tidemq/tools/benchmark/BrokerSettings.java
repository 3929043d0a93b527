package org.tidemq.tools.benchmark;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.protocol.BrokerData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads every broker's role and flush mode through the admin client, for the header and the summary. */
public final class BrokerSettings {
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
