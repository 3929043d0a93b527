package org.tidemq.store;

import java.nio.ByteBuffer;

/**
 * Server-side filter for {@link MessageStore#getMessage}: first by the ConsumeQueue's tag hash, then optionally on
 * the stored record. Tag matching is by hash only; the client drops hash collisions by exact tag (facts §13.17).
 * Called on the reading thread; must be thread-safe if shared.
 */
@FunctionalInterface
public interface MessageFilter {

    MessageFilter ALL = tagsCode -> true;

    boolean isMatchedByTagsCode(long tagsCode);

    /** Second stage on the record bytes (e.g. SQL92 on properties); {@code record} is a read-only view. */
    default boolean isMatchedByRecord(ByteBuffer record) {
        return true;
    }

    /** Matches any of the given tag hashes (a subscription "TagA || TagB"). */
    static MessageFilter byTagsCodes(long... tagsCodes) {
        long[] codes = tagsCodes.clone();
        return tagsCode -> {
            for (long code : codes) {
                if (code == tagsCode) {
                    return true;
                }
            }
            return false;
        };
    }
}
