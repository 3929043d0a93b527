package org.tidemq.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ~} in store paths of broker.properties, through the whole mapper. */
class HomeRelativePathsTest {
    @TempDir
    Path home;

    private BrokerConfig map(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        BrokerEnvironment env = new BrokerEnvironment(k -> null, k -> null, () -> "host-a", () -> "10.1.2.3", 2,
                home);
        return BrokerConfigMapper.map(p, env).config();
    }

    @Test
    void aLeadingTildeIsTheUsersHome() {
        BrokerConfig config = map("storePathRootDir", "~/store/broker-a", "storePathCommitLog",
                " ~/store/broker-a/commitlog-fast ");
        assertEquals(home.resolve("store/broker-a"), config.store().storePathRootDir());
        assertEquals(home.resolve("store/broker-a/commitlog-fast"), config.store().storePathCommitLog());
    }

    @Test
    void theCommitLogFollowsAnExpandedRootWhenNotSet() {
        BrokerConfig config = map("storePathRootDir", "~");
        assertEquals(home, config.store().storePathRootDir());
        assertEquals(home.resolve("commitlog"), config.store().storePathCommitLog());
    }

    @Test
    void otherPathsAreLeftAsWritten() {
        assertEquals(Path.of("/data/~/store"), map("storePathRootDir", "/data/~/store").store().storePathRootDir());
        assertEquals(Path.of("~other/store"), map("storePathRootDir", "~other/store").store().storePathRootDir());
    }
}
