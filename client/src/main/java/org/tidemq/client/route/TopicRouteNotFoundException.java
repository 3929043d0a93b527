package org.tidemq.client.route;

/** A name server answered TOPIC_NOT_EXIST: no broker serves the topic (yet). */
public final class TopicRouteNotFoundException extends RuntimeException {
    private final String topic;

    public TopicRouteNotFoundException(String topic, String remark) {
        super("no route for topic " + topic + (remark == null ? "" : ": " + remark));
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
