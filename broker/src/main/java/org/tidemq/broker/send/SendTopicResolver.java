package org.tidemq.broker.send;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.topic.GroupTopics;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicNames;

/**
 * Finds the topic a send targets, auto-creating it from the request's template topic (TBW102, facts §9.3) or, for
 * {@code %RETRY%<group>}, as a retry topic. Tells {@code onTopicCreated} after every creation so the new route
 * reaches name servers at once. Thread-safe (the manager serialises creation).
 */
final class SendTopicResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SendTopicResolver.class);

    private final TopicConfigManager topics;
    private final Runnable onTopicCreated;

    SendTopicResolver(TopicConfigManager topics, Runnable onTopicCreated) {
        this.topics = topics;
        this.onTopicCreated = onTopicCreated;
    }

    /**
     * The topic's config, created if allowed; empty when it does not exist and may not be created.
     *
     * @throws IOException when a created topic cannot be persisted (nothing was created)
     */
    Optional<TopicConfig> resolve(SendMessageRequestHeader header) throws IOException {
        TopicConfig existing = topics.select(header.topic());
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<TopicConfig> created;
        if (GroupTopics.isRetryTopic(header.topic())) {
            String group = header.topic().substring(GroupTopics.RETRY_PREFIX.length());
            created = Optional.of(topics.createRetryTopicIfAbsent(group));
        } else if (header.defaultTopic() != null && !header.defaultTopic().isEmpty()) {
            created = topics.createTopicInSendMessage(header.topic(), header.defaultTopic(),
                    header.defaultTopicQueueNums(), 0);
        } else {
            created = Optional.empty();
        }
        if (created.isPresent()) {
            LOG.info("topic {} created on send by producer group {}", header.topic(), header.producerGroup());
            onTopicCreated.run();
        }
        return created;
    }

    /** Why a topic name cannot be sent to, or null when it can. */
    static String refuseTopic(String topic) {
        String problem = TopicNames.validate(topic);
        if (problem != null) {
            return "the topic[" + topic + "] is invalid: " + problem;
        }
        if (TopicNames.AUTO_CREATE_TOPIC_KEY.equals(topic)) {
            return "the topic[" + topic + "] is conflict with system topic.";
        }
        return null;
    }
}
