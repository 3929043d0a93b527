package org.tidemq.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue-lock lease comes from RocketMQ's system property, not from broker.properties. */
class ConsumerLockConfigMappingTest {
    @TempDir
    Path home;
    private final Map<String, String> sysProps = new HashMap<>();

    private BrokerConfig map() {
        BrokerEnvironment env = new BrokerEnvironment(sysProps::get, k -> null, () -> "host-a", () -> "10.1.2.3", 2,
                home);
        return BrokerConfigMapper.map(new Properties(), env).config();
    }

    @Test
    void defaultLeaseIsSixtySeconds() {
        assertEquals(60_000, map().locks().rebalanceLockMaxLiveTimeMs());
    }

    @Test
    void systemPropertySetsTheLease() {
        sysProps.put("rocketmq.broker.rebalance.lockMaxLiveTime", " 90000 ");
        assertEquals(90_000, map().locks().rebalanceLockMaxLiveTimeMs());
    }

    @Test
    void invalidLeaseIsRefusedNamingTheProperty() {
        sysProps.put("rocketmq.broker.rebalance.lockMaxLiveTime", "soon");
        BrokerConfigException notNumber = assertThrows(BrokerConfigException.class, this::map);
        assertTrue(notNumber.getMessage().contains("rocketmq.broker.rebalance.lockMaxLiveTime"),
                notNumber.getMessage());

        sysProps.put("rocketmq.broker.rebalance.lockMaxLiveTime", "0");
        assertThrows(BrokerConfigException.class, this::map);
    }
}
