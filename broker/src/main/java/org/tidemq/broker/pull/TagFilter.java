package org.tidemq.broker.pull;

import org.tidemq.broker.client.SubscriptionData;
import org.tidemq.store.MessageFilter;

/**
 * The store filter for a tag subscription: by the ConsumeQueue's tag hash only. Hash collisions are delivered and
 * dropped by the client, which compares tag strings (facts §13.17).
 */
public final class TagFilter {
    private TagFilter() {
    }

    public static MessageFilter of(SubscriptionData subscription) {
        if (subscription.matchesAll()) {
            return MessageFilter.ALL;
        }
        long[] codes = subscription.codeSet().stream().mapToLong(Integer::longValue).toArray();
        return MessageFilter.byTagsCodes(codes);
    }
}
