package org.tidemq.broker.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.persist.ConfigFileException;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.SubscriptionGroupConfig;

class SubscriptionGroupManagerTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    private SubscriptionGroupManager load(boolean autoCreate) throws ConfigFileException {
        return SubscriptionGroupManager.load(autoCreate, root, clock::get);
    }

    @Test
    void defaultsAreRocketMqs() {
        SubscriptionGroupConfig d = SubscriptionGroupConfig.defaults("cg");
        assertEquals("{\"attributes\":{},\"brokerId\":0,\"consumeBroadcastEnable\":true,\"consumeEnable\":true,"
                + "\"consumeFromMinEnable\":true,\"consumeMessageOrderly\":false,\"consumeTimeoutMinute\":15,"
                + "\"groupName\":\"cg\",\"groupRetryPolicy\":{\"type\":\"CUSTOMIZED\"},\"groupSysFlag\":0,"
                + "\"notifyConsumerIdsChangedEnable\":true,\"retryMaxTimes\":16,\"retryQueueNums\":1,"
                + "\"whichBrokerWhenConsumeSlowly\":1}", new String(d.encode(), StandardCharsets.UTF_8));
        assertEquals(d, SubscriptionGroupConfig.decode(d.encode()));
        assertEquals(d, SubscriptionGroupConfig.decode("{\"groupName\":\"cg\"}".getBytes(StandardCharsets.UTF_8)),
                "absent fields take the defaults");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionGroupConfig.decode("{}".getBytes()));
    }

    @Test
    void stockGroupsExistAtStart() throws IOException {
        SubscriptionGroupManager m = load(true);
        assertEquals(Set.of("SELF_TEST_C_GROUP", "TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "CID_ONSAPI_OWNER",
                "CID_ONSAPI_PERMISSION", "CID_ONSAPI_PULL", "CID_ONS-HTTP-PROXY", "CID_RMQ_SYS_TRANS"),
                m.groups().keySet());
        assertEquals(SubscriptionGroupConfig.defaults("TOOLS_CONSUMER"), m.select("TOOLS_CONSUMER"));
        assertTrue(m.select("CID_RMQ_SYS_TRANS").consumeBroadcastEnable());
        assertEquals(new DataVersion(0, clock.get(), 0), m.dataVersion());
        assertFalse(Files.exists(m.file()));
    }

    @Test
    void unknownGroupsAreAutoCreatedOnlyWhenEnabledOrSystem() throws IOException {
        SubscriptionGroupManager on = load(true);
        assertEquals(Optional.of(SubscriptionGroupConfig.defaults("cg")), on.findOrCreate("cg"));
        assertEquals(1, on.dataVersion().counter());
        assertEquals(Optional.of(SubscriptionGroupConfig.defaults("cg")), on.findOrCreate("cg"));
        assertEquals(1, on.dataVersion().counter(), "an existing group is not re-created");
        assertEquals(Optional.empty(), on.findOrCreate("bad group"));

        SubscriptionGroupManager off = load(false);
        assertEquals(SubscriptionGroupConfig.defaults("cg"), off.select("cg"), "loaded from the file");
        assertEquals(Optional.empty(), off.findOrCreate("other"));
        assertNull(off.select("other"));
        assertEquals(Optional.of(SubscriptionGroupConfig.defaults("CID_RMQ_SYS_X")), off.findOrCreate("CID_RMQ_SYS_X"));
    }

    @Test
    void attributeChangesAddReplaceAndDeleteAsRocketMqDefinesThem() throws IOException {
        SubscriptionGroupManager m = load(true);
        m.update(withAttributes("g", Map.of("+a", "1", "+b", "2")));
        assertEquals(Map.of("a", "1", "b", "2"), m.select("g").attributes());
        m.update(withAttributes("g", Map.of("+a", "3", "-b", "", "+c", "4")));
        assertEquals(Map.of("a", "3", "c", "4"), m.select("g").attributes());
        m.update(withAttributes("g", Map.of()));
        assertEquals(Map.of("a", "3", "c", "4"), m.select("g").attributes(), "no change keeps the attributes");
        assertEquals(Map.of("a", "3", "c", "4"), load(true).select("g").attributes(), "persisted");

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> m.update(withAttributes("g", Map.of("-zz", ""))));
        assertEquals("attempt to delete a nonexistent key: zz", missing.getMessage());
        IllegalArgumentException deleteOnCreate = assertThrows(IllegalArgumentException.class,
                () -> m.update(withAttributes("fresh", Map.of("-a", ""))));
        assertTrue(deleteOnCreate.getMessage().startsWith("only add attribute is supported while creating"),
                deleteOnCreate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.update(withAttributes("g", Map.of("a", "1"))));
        assertThrows(IllegalArgumentException.class, () -> m.update(withAttributes("g", Map.of("+a", "1",
                "-a", ""))));
        assertNull(m.select("fresh"));
        assertEquals(Map.of("a", "3", "c", "4"), m.select("g").attributes(), "refused changes change nothing");
    }

    private static SubscriptionGroupConfig withAttributes(String group, Map<String, String> attributes) {
        return new SubscriptionGroupConfig(group, true, true, true, false, 1, 16, 0, 1, true, 0, 15, null,
                attributes);
    }

    @Test
    void updatesAndDeletesArePersisted() throws IOException {
        SubscriptionGroupManager m = load(true);
        SubscriptionGroupConfig orderly = new SubscriptionGroupConfig("orderly", true, true, false, true, 2, 5, 0, 1,
                false, 0, 30, "EXPONENTIAL", Map.of("k", "v"));
        assertEquals(orderly, m.update(new SubscriptionGroupConfig("orderly", true, true, false, true, 2, 5, 0, 1,
                false, 0, 30, "EXPONENTIAL", Map.of("+k", "v"))));
        m.update(SubscriptionGroupConfig.defaults("temp"));
        assertTrue(m.delete("temp"));
        assertFalse(m.delete("temp"));
        assertThrows(IllegalArgumentException.class, () -> m.update(SubscriptionGroupConfig.defaults("a@b")));

        SubscriptionGroupManager reloaded = load(true);
        assertEquals(orderly, reloaded.select("orderly"));
        assertNull(reloaded.select("temp"));
        assertEquals(new DataVersion(0, clock.get(), 3), reloaded.dataVersion());
        assertEquals(m.groups(), reloaded.groups());

        JsonObject json = JsonReader.parseObject(Files.readAllBytes(m.file()));
        assertEquals(Set.of("dataVersion", "subscriptionGroupTable"), json.members().keySet());
        assertEquals(9, json.object("subscriptionGroupTable").size());
        assertEquals(root.resolve("config/subscriptionGroup.json"), m.file());
    }

    @Test
    void loadsAFastjsonWrittenFile() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/subscriptionGroup.json"), """
                {
                	"dataVersion":{"counter":4,"stateVersion":0,"timestamp":1699000000000},
                	"forbiddenTable":{},
                	"subscriptionGroupTable":{
                		"please_rename_unique_group_name_4":{
                			"brokerId":0,
                			"consumeBroadcastEnable":true,
                			"consumeEnable":false,
                			"consumeFromMinEnable":true,
                			"consumeMessageOrderly":false,
                			"consumeTimeoutMinute":15,
                			"groupName":"please_rename_unique_group_name_4",
                			"groupRetryPolicy":{"type":"CUSTOMIZED","customizedRetryPolicy":{"next":0,"type":"CUSTOMIZED"}},
                			"groupSysFlag":0,
                			"notifyConsumerIdsChangedEnable":true,
                			"retryMaxTimes":3,
                			"retryQueueNums":1,
                			"whichBrokerWhenConsumeSlowly":1
                		}
                	}
                }
                """);
        SubscriptionGroupManager m = load(true);
        SubscriptionGroupConfig g = m.select("please_rename_unique_group_name_4");
        assertFalse(g.consumeEnable());
        assertEquals(3, g.retryMaxTimes());
        assertEquals(new DataVersion(0, 1699000000000L, 4), m.dataVersion());
        assertEquals(9, m.groups().size(), "stock groups stay");
    }

    @Test
    void corruptFileFailsNamingIt() throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/subscriptionGroup.json"), "{\"subscriptionGroupTable\":[1]}");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> load(true));
        assertTrue(e.getMessage().contains("subscriptionGroup.json"), e.getMessage());
    }
}
