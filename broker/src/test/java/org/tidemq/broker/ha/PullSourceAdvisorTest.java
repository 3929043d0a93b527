package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.MessageFilter;

/** Reads from a real store; "physical memory" is made tiny so a few KiB of backlog count as out of memory. */
class PullSourceAdvisorTest {
    /** Master: 40 % of this = 4,000 bytes behind the end is cold; slave: 30 % = 3,000. */
    private static final long MEMORY_BYTES = 10_000;
    private static final int MESSAGES = 40;

    @TempDir
    Path dir;

    private DefaultMessageStore store;

    @BeforeEach
    void fill() throws Exception {
        store = HaTestSupport.openStore(dir.resolve("store"));
        for (int i = 0; i < MESSAGES; i++) {
            HaTestSupport.put(store, "T", 0, "m-" + i + "-" + "x".repeat(300));
        }
        // ConsumeQueue entries are dispatched asynchronously after the append.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.getMaxOffsetInQueue("T", 0) == MESSAGES);
    }

    @AfterEach
    void close() {
        store.shutdown();
    }

    private long suggestAt(Map<String, String> properties, long queueOffset) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("accessMessageInMemoryMaxRatio", "40");
        BrokerConfig config = TestBrokers.config(dir.resolve("cfg"), all);
        PullSourceAdvisor advisor = new PullSourceAdvisor(config, MEMORY_BYTES, store::getMaxPhyOffset);
        try (GetMessageResult result = store.getMessage("T", 0, queueOffset, 1, 1 << 20, MessageFilter.ALL)) {
            return advisor.suggest(result);
        }
    }

    @Test
    void aMasterWithSlaveReadEnableSendsColdReadersToItsSlaveOnly() {
        Map<String, String> master = Map.of("slaveReadEnable", "true");
        assertEquals(PullSourceAdvisor.SLAVE_FOR_SLOW_CONSUMERS, suggestAt(master, 0), "~13 KiB behind: cold");
        assertEquals(PullSourceAdvisor.MASTER_ID, suggestAt(master, MESSAGES - 1), "the newest message: warm");
        assertEquals(PullSourceAdvisor.MASTER_ID, suggestAt(master, MESSAGES), "nothing found");
    }

    @Test
    void withoutSlaveReadEnableEveryoneIsSentToTheMaster() {
        assertEquals(PullSourceAdvisor.MASTER_ID, suggestAt(Map.of(), 0));
        assertEquals(PullSourceAdvisor.MASTER_ID, suggestAt(Map.of("brokerRole", "SLAVE", "brokerId", "2"), 0));
    }

    @Test
    void aSlaveKeepsColdReadersAndSendsWarmOnesBackToTheMaster() {
        Map<String, String> slave = Map.of("brokerRole", "SLAVE", "brokerId", "2", "slaveReadEnable", "true");
        assertEquals(2, suggestAt(slave, 0));
        assertEquals(PullSourceAdvisor.MASTER_ID, suggestAt(slave, MESSAGES - 1));
    }
}
