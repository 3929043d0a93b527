package org.tidemq.client.admin;

import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicNames;

/**
 * A topic to create or update on brokers (UPDATE_AND_CREATE_TOPIC, facts §4.9–4.10).
 *
 * @param name        topic name ({@code ^[%|a-zA-Z0-9_-]+$}, at most 127 chars)
 * @param readQueues  queues consumers read, per broker
 * @param writeQueues queues producers write, per broker
 * @param perm        permission bits 0..7 ({@link Perm}), normally 6 (read + write)
 * @param order       ordered topic (informational for brokers; name-server order config is separate)
 */
public record TopicSpec(String name, int readQueues, int writeQueues, int perm, boolean order) {
    /** mqadmin's defaults (facts §9.6). */
    public static final int DEFAULT_QUEUES = 8;

    public TopicSpec {
        if (!TopicNames.isValid(name)) {
            throw new IllegalArgumentException("invalid topic name '" + name + "'");
        }
        if (readQueues < 1 || writeQueues < 1) {
            throw new IllegalArgumentException("queue counts must be positive but were read " + readQueues
                    + ", write " + writeQueues);
        }
        if (!Perm.isValid(perm)) {
            throw new IllegalArgumentException("perm must be 0..7 but was " + perm);
        }
    }

    /** {@value #DEFAULT_QUEUES} read and write queues, read-write, unordered. */
    public static TopicSpec of(String name) {
        return new TopicSpec(name, DEFAULT_QUEUES, DEFAULT_QUEUES, Perm.READ_WRITE, false);
    }

    public static TopicSpec of(String name, int queues) {
        return new TopicSpec(name, queues, queues, Perm.READ_WRITE, false);
    }
}
