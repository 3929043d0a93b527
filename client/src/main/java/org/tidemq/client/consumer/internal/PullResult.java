package org.tidemq.client.consumer.internal;

import org.tidemq.client.consumer.ReceivedMessage;

import java.util.List;

/**
 * A decoded PULL_MESSAGE response.
 *
 * @param status            what the broker answered
 * @param nextBeginOffset   where the next pull of this queue starts
 * @param minOffset         the queue's smallest stored offset
 * @param maxOffset         the queue's exclusive max offset (entries written)
 * @param suggestedBrokerId broker id (0 master, else a slave) to send the next pull of this queue to
 * @param messages          messages in queue order, after the client-side tag filter; empty unless FOUND
 */
public record PullResult(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                         long suggestedBrokerId, List<ReceivedMessage> messages) {
    public PullResult {
        messages = List.copyOf(messages);
    }
}
