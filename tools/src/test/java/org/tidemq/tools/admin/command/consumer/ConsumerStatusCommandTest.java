package org.tidemq.tools.admin.command.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;

import java.util.Map;

/** consumerStatus's group analysis over ConsumerRunningInfo bodies (MessageQueue object keys, as fastjson writes). */
class ConsumerStatusCommandTest {
    private static JsonObject info(String subscription, String... queueIds) {
        StringBuilder table = new StringBuilder();
        for (String id : queueIds) {
            if (table.length() > 0) {
                table.append(',');
            }
            table.append("{\"brokerName\":\"b\",\"queueId\":").append(id).append(",\"topic\":\"T\"}:{}");
        }
        return JsonReader.parseObject("{\"mqTable\":{" + table + "},\"subscriptionSet\":[{\"subString\":\""
                + subscription + "\",\"topic\":\"T\"}]}");
    }

    @Test
    void sameSubscriptionAndDisjointQueuesAreHealthy() {
        Map<String, JsonObject> infos = Map.of("a", info("*", "0", "1"), "b", info("*", "2", "3"));

        assertTrue(ConsumerStatusCommand.sameSubscriptions(infos));
        assertTrue(ConsumerStatusCommand.queuesAssignedOnce(infos));
    }

    @Test
    void differentSubscriptionsAndSharedQueuesAreReported() {
        assertFalse(ConsumerStatusCommand.sameSubscriptions(Map.of("a", info("*", "0"), "b", info("TagA", "1"))));
        assertFalse(ConsumerStatusCommand.queuesAssignedOnce(Map.of("a", info("*", "0", "1"), "b", info("*", "1"))));
    }
}
