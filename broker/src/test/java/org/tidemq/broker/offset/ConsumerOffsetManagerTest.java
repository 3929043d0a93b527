package org.tidemq.broker.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.common.protocol.DataVersion;

class ConsumerOffsetManagerTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    private ConsumerOffsetManager load() throws ConfigFileException {
        return ConsumerOffsetManager.load(root, clock::get);
    }

    @Test
    void commitAndQuery() throws IOException {
        ConsumerOffsetManager m = load();
        assertEquals(ConsumerOffsetManager.NO_OFFSET, m.queryOffset("g", "T", 0));
        m.commitOffset("g", "T", 0, 10);
        m.commitOffset("g", "T", 1, 20);
        m.commitOffset("g", "T", 0, 15);
        assertEquals(15, m.queryOffset("g", "T", 0));
        assertEquals(20, m.queryOffset("g", "T", 1));
        assertEquals(ConsumerOffsetManager.NO_OFFSET, m.queryOffset("g", "T", 2));
        assertEquals(ConsumerOffsetManager.NO_OFFSET, m.queryOffset("other", "T", 0));
        assertEquals(Map.of(0, 15L, 1, 20L), m.queryOffsets("g", "T"));
        assertEquals(Map.of(), m.queryOffsets("g", "U"));
    }

    @Test
    void fileUsesFastjsonBareQueueIdKeysAndReloads() throws IOException {
        ConsumerOffsetManager m = load();
        m.commitOffset("please_rename", "TopicTest", 0, 14047);
        m.commitOffset("please_rename", "TopicTest", 1, 14045);
        m.commitOffset("g2", "%RETRY%g2", 0, 3);
        clock.set(1_700_000_001_000L);
        assertTrue(m.persistIfChanged());
        String text = Files.readString(root.resolve("config/consumerOffset.json"));
        assertEquals("{\"dataVersion\":{\"counter\":1,\"stateVersion\":0,\"timestamp\":1700000001000},"
                + "\"offsetTable\":{\"%RETRY%g2@g2\":{0:3},\"TopicTest@please_rename\":{0:14047,1:14045}}}", text);

        ConsumerOffsetManager reloaded = load();
        assertEquals(Map.of(0, 14047L, 1, 14045L), reloaded.queryOffsets("please_rename", "TopicTest"));
        assertEquals(3, reloaded.queryOffset("g2", "%RETRY%g2", 0));
        assertEquals(new DataVersion(0, 1_700_000_001_000L, 1), reloaded.dataVersion());
        assertFalse(reloaded.hasUnpersistedChanges());
    }

    @Test
    void loadsRealFastjsonSamples() throws IOException {
        Files.createDirectories(root.resolve("config"));
        // 4.x file: no dataVersion, pretty-printed, bare keys.
        Files.writeString(root.resolve("config/consumerOffset.json"), """
                {
                	"offsetTable":{
                		"TopicTest@please_rename_unique_group_name_4":{0:250,1:249,2:251,3:250
                		},
                		"%RETRY%please_rename_unique_group_name_4@please_rename_unique_group_name_4":{0:0
                		}
                	}
                }
                """);
        ConsumerOffsetManager m = load();
        assertEquals(Map.of(0, 250L, 1, 249L, 2, 251L, 3, 250L),
                m.queryOffsets("please_rename_unique_group_name_4", "TopicTest"));
        assertEquals(Set.of("please_rename_unique_group_name_4"), m.whichGroupsByTopic("TopicTest"));
        assertEquals(0, m.dataVersion().counter());

        // Quoted keys (a standard-JSON writer) load too.
        Files.writeString(root.resolve("config/consumerOffset.json"), "{\"offsetTable\":{\"T@g\":{\"0\":5}}}");
        assertEquals(5, load().queryOffset("g", "T", 0));
    }

    @Test
    void corruptFileFailsNamingIt() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/consumerOffset.json"), "{\"offsetTable\":{\"T@g\":{x:\"y\"}}}");
        ConfigFileException e = assertThrows(ConfigFileException.class, this::load);
        assertTrue(e.getMessage().contains("consumerOffset.json"), e.getMessage());
    }

    @Test
    void halfDecodedCorruptFileLeavesNothingBehindWhenTheBackupLoads() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/consumerOffset.json"),
                "{\"offsetTable\":{\"Partial@g\":{0:1},\"T@g\":{0:\"not a number\"}}}");
        Files.writeString(root.resolve("config/consumerOffset.json.bak"), "{\"offsetTable\":{\"T@g\":{0:9}}}");
        ConsumerOffsetManager m = load();
        assertEquals(9, m.queryOffset("g", "T", 0));
        assertEquals(ConsumerOffsetManager.NO_OFFSET, m.queryOffset("g", "Partial", 0));
    }

    @Test
    void persistsOnlyWhenChanged() throws IOException {
        ConsumerOffsetManager m = load();
        assertFalse(m.persistIfChanged(), "nothing committed yet");
        assertFalse(Files.exists(m.file()));
        m.commitOffset("g", "T", 0, 1);
        assertTrue(m.hasUnpersistedChanges());
        assertTrue(m.persistIfChanged());
        assertFalse(m.persistIfChanged());
        assertEquals(1, m.dataVersion().counter());
        m.commitOffset("g", "T", 0, 2);
        assertTrue(m.persistIfChanged());
        assertEquals(2, m.dataVersion().counter());
    }

    @Test
    void cloneRemoveAndWhoConsumesWhat() throws IOException {
        ConsumerOffsetManager m = ConsumerOffsetManager.load(root, clock::get);
        m.commitOffset("g", "A", 0, 5);
        m.commitOffset("g", "A", 1, 6);
        m.commitOffset("g", "B", 0, 7);
        m.commitOffset("gg", "A", 0, 1);
        m.commitOffset("h", "C", 0, 2);

        assertEquals(Set.of("g", "gg"), m.whichGroupsByTopic("A"));
        assertEquals(Set.of("A", "B"), m.whichTopicsByGroup("g"));

        m.cloneOffset("g", "copy", "A");
        assertEquals(Map.of(0, 5L, 1, 6L), m.queryOffsets("copy", "A"));
        m.commitOffset("g", "A", 0, 100);
        assertEquals(5, m.queryOffset("copy", "A", 0), "a clone is a copy, not a view");
        m.cloneOffset("nobody", "copy2", "A");
        assertEquals(Set.of(), m.whichTopicsByGroup("copy2"));
        m.cloneAllOffsets("g", "all");
        assertEquals(Set.of("A", "B"), m.whichTopicsByGroup("all"));
        assertEquals(7, m.queryOffset("all", "B", 0));

        assertEquals(2, m.removeOffsetsOfGroup("g"));
        assertEquals(Set.of(), m.whichTopicsByGroup("g"));
        assertEquals(1, m.queryOffset("gg", "A", 0), "a group whose name contains the removed one stays");
        assertEquals(3, m.removeOffsetsOfTopic("A"));
        assertEquals(Set.of(), m.whichGroupsByTopic("A"));
        assertEquals(2, m.queryOffset("h", "C", 0));
        assertEquals(0, m.removeOffsetsOfTopic("A"));
    }
}
