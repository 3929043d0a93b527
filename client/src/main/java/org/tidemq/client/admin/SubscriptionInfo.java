package org.tidemq.client.admin;

import java.util.Set;

/** A subscription a broker holds for a consumer group (SubscriptionData). */
public record SubscriptionInfo(String topic, String expression, String expressionType, Set<String> tags,
                               long subVersion) {
    public SubscriptionInfo {
        tags = Set.copyOf(tags);
    }
}
