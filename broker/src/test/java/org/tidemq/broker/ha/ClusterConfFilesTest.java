package org.tidemq.broker.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tidemq.broker.BrokerController;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.broker.config.BrokerRole;

/**
 * The shipped cluster folders ({@code conf/2m-*}) parse with the broker's own mapper without a single warning, and
 * every broker of a folder can run next to the others on one machine.
 */
class ClusterConfFilesTest {
    private static final Path CONF = Path.of("..", "conf");

    @ParameterizedTest
    @CsvSource({"2m-noslave, ASYNC_MASTER, 2", "2m-2s-async, ASYNC_MASTER, 4", "2m-2s-sync, SYNC_MASTER, 4"})
    void everyBrokerOfTheFolderParsesCleanlyAndCanRunBesideTheOthers(String folder, BrokerRole masterRole,
                                                                     int brokers) throws IOException {
        Path dir = CONF.resolve(folder);
        assertTrue(Files.isDirectory(dir), "missing " + dir.toAbsolutePath());
        Map<String, BrokerConfig> configs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
                BrokerConfigMapper.Result result = BrokerConfigMapper.map(properties,
                        TestBrokers.environment(Path.of("/nonexistent-home")));
                assertEquals(List.of(), result.warnings(), file + " has keys the broker does not take");
                configs.put(file.getFileName().toString(), result.config());
            }
        }
        assertEquals(brokers, configs.size(), "brokers in " + dir);

        Set<Integer> ports = new HashSet<>();
        Set<Path> stores = new HashSet<>();
        Map<String, List<BrokerConfig>> groups = new TreeMap<>();
        for (Map.Entry<String, BrokerConfig> entry : configs.entrySet()) {
            BrokerConfig config = entry.getValue();
            int listen = config.network().listenPort();
            for (int port : List.of(listen, listen - BrokerController.VIP_PORT_DISTANCE,
                    config.network().haListenPort())) {
                assertTrue(ports.add(port), entry.getKey() + ": port " + port + " is used twice in " + folder);
            }
            assertTrue(stores.add(config.store().storePathRootDir()), entry.getKey() + ": store dir shared");
            assertTrue(stores.add(config.store().storePathCommitLog()), entry.getKey() + ": CommitLog dir shared");
            String expectedFile = "broker-" + config.identity().brokerName().substring("broker-".length())
                    + (config.identity().brokerRole() == BrokerRole.SLAVE ? "-s" : "") + ".properties";
            assertEquals(expectedFile, entry.getKey(), "file name matches brokerName and role");
            groups.computeIfAbsent(config.identity().brokerName(), k -> new ArrayList<>()).add(config);
        }
        assertEquals(Set.of("broker-a", "broker-b"), groups.keySet());
        for (List<BrokerConfig> group : groups.values()) {
            List<BrokerConfig> masters = group.stream().filter(c -> c.identity().brokerId() == 0).toList();
            assertEquals(1, masters.size(), "one master per group");
            assertEquals(masterRole, masters.get(0).identity().brokerRole());
            for (BrokerConfig slave : group) {
                if (slave.identity().brokerId() != 0) {
                    assertEquals(BrokerRole.SLAVE, slave.identity().brokerRole());
                }
            }
            assertEquals(brokers / 2, group.size(), "brokers per group");
        }
    }
}
