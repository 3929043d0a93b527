package org.tidemq.client.consumer.rebalance;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.MessageModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebalancerTest {
    private static final String ME = "10.0.0.2@2";
    private static final String OTHER = "10.0.0.1@1";

    private final Map<String, List<MessageQueue>> queuesByTopic = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final Set<String> topics = new HashSet<>();
    private final List<String> askedBrokers = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private boolean routeFails;

    private Rebalancer rebalancer(MessageModel model) {
        TopicQueueSource source = topic -> routeFails
                ? CompletableFuture.failedFuture(new IllegalStateException("name server down"))
                : CompletableFuture.completedFuture(new TopicQueues(queuesByTopic.get(topic),
                List.of("127.0.0.1:10911", "127.0.0.1:10921")));
        ConsumerIdSource consumers = (broker, group) -> {
            askedBrokers.add(broker + "/" + group);
            return CompletableFuture.completedFuture(List.copyOf(ids));
        };
        return new Rebalancer("G", ME, model, new AverageAllocation(), () -> Set.copyOf(topics), source, consumers,
                listener, bound -> bound - 1);
    }

    @Test
    void clusteringSplitsAndDiffsAgainstCurrentAssignment() {
        topics.add("T");
        queuesByTopic.put("T", queues("T", 4));
        ids.add(ME);
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING);

        rebalancer.rebalanceOnce().join();
        assertEquals(List.of(ev("added", "T", Set.copyOf(queues("T", 4)))), listener.events);
        assertEquals(List.of("127.0.0.1:10921/G"), askedBrokers);

        // A second consumer sorting before us joins: we keep the upper half.
        ids.add(OTHER);
        listener.events.clear();
        rebalancer.rebalanceOnce().join();
        assertEquals(List.of(ev("removed", "T", Set.copyOf(queues("T", 4).subList(0, 2)))), listener.events);
        assertEquals(Set.copyOf(queues("T", 4).subList(2, 4)), rebalancer.assignment().get("T"));

        // Nothing changed: no calls.
        listener.events.clear();
        rebalancer.rebalanceOnce().join();
        assertEquals(List.of(), listener.events);

        // The other consumer leaves: we get the lower half back, only it is reported as added.
        ids.remove(OTHER);
        rebalancer.rebalanceOnce().join();
        assertEquals(List.of(ev("added", "T", Set.copyOf(queues("T", 4).subList(0, 2)))), listener.events);
    }

    @Test
    void broadcastingTakesAllQueuesWithoutAskingForConsumers() {
        topics.add("T");
        queuesByTopic.put("T", queues("T", 3));
        Rebalancer rebalancer = rebalancer(MessageModel.BROADCASTING);
        rebalancer.rebalanceOnce().join();
        assertEquals(Set.copyOf(queues("T", 3)), rebalancer.assignment().get("T"));
        assertEquals(List.of(), askedBrokers);
    }

    @Test
    void failuresAndMissingSelfKeepTheAssignment() {
        topics.add("T");
        queuesByTopic.put("T", queues("T", 2));
        ids.add(ME);
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING);
        rebalancer.rebalanceOnce().join();
        listener.events.clear();

        routeFails = true;
        rebalancer.rebalanceOnce().join();
        routeFails = false;
        ids.clear();
        ids.add(OTHER);
        rebalancer.rebalanceOnce().join();

        assertEquals(List.of(), listener.events);
        assertEquals(Set.copyOf(queues("T", 2)), rebalancer.assignment().get("T"));
    }

    @Test
    void unsubscribedTopicReleasesItsQueuesAndShrunkRouteRemovesQueues() {
        topics.add("T");
        topics.add("U");
        queuesByTopic.put("T", queues("T", 2));
        queuesByTopic.put("U", queues("U", 3));
        ids.add(ME);
        Rebalancer rebalancer = rebalancer(MessageModel.CLUSTERING);
        rebalancer.rebalanceOnce().join();
        listener.events.clear();

        topics.remove("T");
        queuesByTopic.put("U", queues("U", 2));
        rebalancer.rebalanceOnce().join();

        assertTrue(listener.events.contains(ev("removed", "T", Set.copyOf(queues("T", 2)))),
                listener.events.toString());
        assertTrue(listener.events.contains(ev("removed", "U", Set.of(new MessageQueue("U", "broker-a", 2)))),
                listener.events.toString());
        assertEquals(Map.of("U", Set.copyOf(queues("U", 2))), rebalancer.assignment());
    }

    private static List<MessageQueue> queues(String topic, int count) {
        List<MessageQueue> queues = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            queues.add(new MessageQueue(topic, "broker-a", i));
        }
        queues.sort(java.util.Comparator.comparingInt(MessageQueue::queueId));
        return queues;
    }

    private record Event(String kind, String topic, Set<MessageQueue> queues) {
    }

    private static Event ev(String kind, String topic, Set<MessageQueue> queues) {
        return new Event(kind, topic, queues);
    }

    private static final class RecordingListener implements AssignmentListener {
        final List<Event> events = new ArrayList<>();

        @Override
        public void queuesAdded(String topic, Set<MessageQueue> queues) {
            events.add(new Event("added", topic, queues));
        }

        @Override
        public void queuesRemoved(String topic, Set<MessageQueue> queues) {
            events.add(new Event("removed", topic, queues));
        }
    }
}
