package org.tidemq.client.consumer.push.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.internal.Subscription;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GET_CONSUMER_RUNNING_INFO (307) answer body: RocketMQ's {@code ConsumerRunningInfo} as fastjson writes it
 * (members sorted by name, {@code mqTable} with MessageQueue object keys and {@code ProcessQueueInfo} values). Only
 * what this client really tracks is filled in; consume statistics ({@code statusTable}) are left empty.
 */
final class RunningInfoJson {
    private static final long MIB = 1024 * 1024;
    private static final Comparator<MessageQueue> QUEUE_ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    /** One row of {@code mqTable}. */
    record QueueInfo(long commitOffset, ProcessQueue queue, boolean locked, long lastLockMillis) {
    }

    private RunningInfoJson() {
    }

    static byte[] encode(Map<String, String> properties, Collection<Subscription> subscriptions,
                         Map<MessageQueue, QueueInfo> queues) {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject();
        json.name("mqPopTable").beginObject().endObject();
        json.name("mqTable").beginObject();
        Map<MessageQueue, QueueInfo> sorted = new TreeMap<>(QUEUE_ORDER);
        sorted.putAll(queues);
        sorted.forEach((queue, info) -> {
            json.beginObjectName();
            MessageQueueJson.members(json, queue);
            json.endObjectName();
            ProcessQueue pq = info.queue();
            long lowest = pq.lowestCachedOffset();
            json.beginObject()
                    .field("cachedMsgCount", pq.cachedCount())
                    .field("cachedMsgMaxOffset", lowest < 0 ? 0 : pq.highestOffset())
                    .field("cachedMsgMinOffset", Math.max(lowest, 0))
                    .field("cachedMsgSizeInMiB", pq.cachedBytes() / MIB)
                    .field("commitOffset", info.commitOffset())
                    .field("droped", pq.isDropped())
                    .field("lastConsumeTimestamp", pq.lastConsumeMillis())
                    .field("lastLockTimestamp", info.lastLockMillis())
                    .field("lastPullTimestamp", pq.lastPullMillis())
                    .field("locked", info.locked())
                    .field("transactionMsgCount", 0)
                    .field("transactionMsgMaxOffset", 0)
                    .field("transactionMsgMinOffset", 0)
                    .field("tryUnlockTimes", 0)
                    .endObject();
        });
        json.endObject();
        json.name("properties").beginObject();
        new TreeMap<>(properties).forEach(json::field);
        json.endObject();
        json.name("statusTable").beginObject().endObject();
        json.name("subscriptionSet").beginArray();
        subscriptions.stream().sorted(Comparator.comparing(Subscription::topic)).forEach(s -> s.writeJson(json));
        json.endArray();
        json.name("userConsumerInfo").beginObject().endObject();
        json.endObject();
        return json.toBytes();
    }
}
