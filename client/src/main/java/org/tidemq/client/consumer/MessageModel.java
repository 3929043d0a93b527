package org.tidemq.client.consumer;

/** How a consumer group shares a topic (the {@code messageModel} of HEART_BEAT). */
public enum MessageModel {
    /** Each message goes to one consumer of the group; queues are divided among the consumers; offsets on brokers. */
    CLUSTERING,
    /** Every consumer of the group reads every queue; each keeps its own offsets locally. */
    BROADCASTING
}
