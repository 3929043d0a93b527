package org.tidemq.namesrv.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesrvConfigMapperTest {

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsMatchRocketMq() {
        NamesrvConfig config = NamesrvConfigMapper.defaults("/home/u");
        assertEquals(9876, config.listenPort());
        assertEquals(Path.of("/home/u/namesrv/kvConfig.json"), config.kvConfigPath());
        assertEquals(5_000, config.scanNotActiveBrokerIntervalMs());
        assertEquals(120_000, config.brokerExpiryMs());
        assertFalse(config.orderMessageEnable());
        assertTrue(config.returnOrderTopicConfigToBroker());
    }

    @Test
    void mapsRocketMqKeysTrimmingValues() {
        NamesrvConfigMapper.Result result = NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/h"), props(
                "listenPort", " 19876 ", "bindAddress", "127.0.0.1", "kvConfigPath", "/tmp/kv.json",
                "scanNotActiveBrokerInterval", "1000", "orderMessageEnable", "TRUE", "brokerExpiryMs", "30000"));
        NamesrvConfig config = result.config();
        assertEquals(19876, config.listenPort());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Path.of("/tmp/kv.json"), config.kvConfigPath());
        assertEquals(1000, config.scanNotActiveBrokerIntervalMs());
        assertEquals(30_000, config.brokerExpiryMs());
        assertTrue(config.orderMessageEnable());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void unknownAndUnsupportedKeysWarnByName() {
        NamesrvConfigMapper.Result result = NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/h"),
                props("listenPrt", "1", "rocketmqHome", "/opt/rmq"));
        assertEquals(List.of("unknown config key 'listenPrt' is ignored",
                "config key 'rocketmqHome' is not supported by TideMQ and is ignored"), result.warnings());
        assertEquals(9876, result.config().listenPort());
    }

    @Test
    void invalidValuesFailNamingKeyAndValue() {
        NamesrvConfig base = NamesrvConfigMapper.defaults("/h");
        assertEquals("invalid value 'abc' for listenPort: not an integer",
                assertThrows(ConfigException.class, () -> NamesrvConfigMapper.overlay(base, props("listenPort", "abc"))).getMessage());
        assertEquals("invalid value '70000' for listenPort: must be in 0..65535",
                assertThrows(ConfigException.class, () -> NamesrvConfigMapper.overlay(base, props("listenPort", "70000"))).getMessage());
        assertEquals("invalid value 'yes' for orderMessageEnable: expected true or false",
                assertThrows(ConfigException.class, () -> NamesrvConfigMapper.overlay(base, props("orderMessageEnable", "yes"))).getMessage());
        assertEquals("invalid value '0' for scanNotActiveBrokerInterval: must be positive",
                assertThrows(ConfigException.class, () -> NamesrvConfigMapper.overlay(base, props("scanNotActiveBrokerInterval", "0"))).getMessage());
        assertEquals("invalid value '' for kvConfigPath: must not be blank",
                assertThrows(ConfigException.class, () -> NamesrvConfigMapper.overlay(base, props("kvConfigPath", " "))).getMessage());
    }

    @Test
    void propertiesRoundTrip() {
        NamesrvConfig config = NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/h"),
                props("listenPort", "1234", "enableTopicList", "false")).config();
        Properties back = new Properties();
        back.putAll(NamesrvConfigMapper.toProperties(config));
        assertEquals(config, NamesrvConfigMapper.overlay(NamesrvConfigMapper.defaults("/other"), back).config());
        String text = NamesrvConfigMapper.toPropertiesText(config);
        assertTrue(text.startsWith("bindAddress=0.0.0.0\nbrokerExpiryMs=120000\n"), text);
        assertTrue(text.contains("\nlistenPort=1234\n"), text);
    }

    @Test
    void liveConfigUpdatesAtomicallyAndGuardsBlackList() {
        LiveNamesrvConfig live = new LiveNamesrvConfig(NamesrvConfigMapper.defaults("/h"));
        assertThrows(ConfigException.class, () -> live.update(props("orderMessageEnable", "true", "listenPort", "x")));
        assertFalse(live.get().orderMessageEnable(), "nothing applied when one key is invalid");
        live.update(props("orderMessageEnable", "true"));
        assertTrue(live.get().orderMessageEnable());
        assertEquals(List.of("kvConfigPath"), live.blackListedKeys(props("kvConfigPath", "/x", "listenPort", "1")));
        assertEquals(List.of("rocketmqHome"), live.blackListedKeys(props("rocketmqHome", "/x")));
        assertEquals(List.of(), live.blackListedKeys(props("listenPort", "1")));
    }
}
