package org.tidemq.broker.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.BrokerConfigException;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.broker.config.TimerConfig;

/** RocketMQ's timer keys map onto {@link TimerConfig}, print back, and bad values fail naming the key. */
class TimerConfigMappingTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAndRocketMqKeysMapAndPrintBack() {
        assertEquals(TimerConfig.defaults(), TestBrokers.config(dir, Map.of()).messages().timer());
        BrokerConfig config = TestBrokers.config(dir, Map.of("timerWheelEnable", "false", "timerMaxDelaySec", "86400",
                "timerPrecisionMs", "100"));
        assertEquals(new TimerConfig(false, 86_400, 100), config.messages().timer());
        Map<String, String> printed = BrokerConfigMapper.toProperties(config);
        assertEquals("false", printed.get("timerWheelEnable"));
        assertEquals("86400", printed.get("timerMaxDelaySec"));
        assertEquals("100", printed.get("timerPrecisionMs"));
        Properties again = new Properties();
        again.putAll(printed);
        assertEquals(config.messages().timer(),
                BrokerConfigMapper.map(again, TestBrokers.environment(dir)).config().messages().timer());
    }

    @Test
    void badValuesFailNamingTheKey() {
        BrokerConfigException zero = assertThrows(BrokerConfigException.class,
                () -> TestBrokers.config(dir, Map.of("timerMaxDelaySec", "0")));
        assertTrue(zero.getMessage().contains("timerMaxDelaySec"), zero.getMessage());
        BrokerConfigException precision = assertThrows(BrokerConfigException.class,
                () -> TestBrokers.config(dir, Map.of("timerPrecisionMs", "5")));
        assertTrue(precision.getMessage().contains("timerPrecisionMs"), precision.getMessage());
        BrokerConfigException tooManySlots = assertThrows(BrokerConfigException.class,
                () -> new TimerConfig(true, 365L * 24 * 3600, 10));
        assertTrue(tooManySlots.getMessage().contains("wheel slots"), tooManySlots.getMessage());
    }
}
