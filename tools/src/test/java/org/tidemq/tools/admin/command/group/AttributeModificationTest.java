package org.tidemq.tools.admin.command.group;

import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.tools.admin.FakeCluster;
import org.tidemq.tools.admin.ToolFailure;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** updateSubGroup --attributes: Apache's +key=value,-key text, sent as prefixed keys. */
class AttributeModificationTest {

    @Test
    void parsesAdditionsAndDeletionsKeepingTheirPrefix() {
        assertEquals(Map.of("+a", "1", "+b", "x", "-c", ""),
                AttributeModification.parse("+a=1,+b=x,-c"));
        assertEquals(Map.of(), AttributeModification.parse(null));
        assertEquals(Map.of(), AttributeModification.parse("  "));
    }

    @Test
    void malformedChangesNameTheItem() {
        assertTrue(assertThrows(ToolFailure.class, () -> AttributeModification.parse("a=1")).getMessage()
                .contains("'a=1'"));
        assertTrue(assertThrows(ToolFailure.class, () -> AttributeModification.parse("+a=1,c")).getMessage()
                .contains("'c'"));
        assertTrue(assertThrows(ToolFailure.class, () -> AttributeModification.parse("+a=1,+a=2")).getMessage()
                .contains("key duplication: +a"));
    }

    @Test
    void updateSubGroupSendsTheChangesAndPrintsThem() {
        FakeCluster cluster = new FakeCluster().on("createOrUpdateSubscriptionGroup", args -> {
            SubscriptionGroupConfig config = (SubscriptionGroupConfig) args[1];
            assertEquals(Map.of("+tier", "gold", "-old", ""), config.attributes());
            return List.of("h:1");
        });
        assertEquals(0, cluster.run("updateSubGroup", "-b", "h:1", "-g", "G", "--attributes", "+tier=gold,-old",
                "-n", "ns:1"));
        assertTrue(cluster.outLines().get(1).endsWith(", subscriptionDataSet=null, attributes={+tier=gold, -old=}}"),
                cluster.out::toString);

        FakeCluster removal = new FakeCluster().on("createOrUpdateSubscriptionGroup", args -> {
            assertEquals(Map.of("-old", "", "+a", "1"), ((SubscriptionGroupConfig) args[1]).attributes());
            return List.of("h:1");
        });
        assertEquals(0, removal.run("updateSubGroup", "-b", "h:1", "-g", "G", "--attributes=-old,+a=1", "-n", "ns:1"),
                removal.err::toString);

        FakeCluster bad = new FakeCluster();
        assertEquals(1, bad.run("updateSubGroup", "-b", "h:1", "-g", "G", "--attributes", "tier=gold", "-n", "ns:1"));
        assertEquals(1, bad.err.toString().lines().count(), bad.err::toString);
        assertTrue(bad.calls.isEmpty());
    }
}
