package org.tidemq.it.officialclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * What one consumer received, in delivery order, keyed by body; a body delivered again is kept as a duplicate instead
 * of replacing the first. Thread-safe: listeners record from the client's consume threads.
 */
final class Deliveries {
    private final Map<String, MessageExt> firstByBody = new ConcurrentHashMap<>();
    private final List<MessageExt> inOrder = new CopyOnWriteArrayList<>();
    private final List<MessageExt> duplicates = new CopyOnWriteArrayList<>();

    void record(List<MessageExt> messages) {
        messages.forEach(this::record);
    }

    void record(MessageExt message) {
        inOrder.add(message);
        if (firstByBody.putIfAbsent(TestMessages.body(message), message) != null) {
            duplicates.add(message);
        }
    }

    Map<String, MessageExt> byBody() {
        return firstByBody;
    }

    MessageExt get(String body) {
        return firstByBody.get(body);
    }

    int distinct() {
        return firstByBody.size();
    }

    List<MessageExt> inOrder() {
        return new ArrayList<>(inOrder);
    }

    /** Bodies delivered more than once (each extra delivery listed). */
    List<String> duplicateBodies() {
        return duplicates.stream().map(TestMessages::body).toList();
    }
}
