package org.tidemq.client.consumer.internal;

import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.TopicNames;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One topic a consumer group reads and which messages of it (RocketMQ's SubscriptionData, facts §4.6). A TAG
 * expression is {@code *} (everything) or tags joined by {@code ||}; the broker filters by each tag's
 * {@code String.hashCode()} ({@link #tagCodes()}), the client then by exact tag ({@link #matches(String)}, facts
 * §13.17). SQL92 expressions are passed to the broker as they are and not checked here.
 *
 * @param topic          the topic
 * @param expression     {@code *}, {@code A || B}, or an SQL92 expression
 * @param expressionType {@value #TYPE_TAG} or {@value #TYPE_SQL92}
 * @param tags           the tags of a TAG expression in written order; empty for {@code *} and SQL92
 * @param tagCodes       {@code String.hashCode()} of each tag
 * @param subVersion     version of this subscription (creation time in ms); brokers reject pulls newer than the
 *                       subscription they hold
 */
public record Subscription(String topic, String expression, String expressionType, Set<String> tags,
                           Set<Integer> tagCodes, long subVersion) {
    public static final String TYPE_TAG = "TAG";
    public static final String TYPE_SQL92 = "SQL92";
    public static final String SUBSCRIBE_ALL = "*";

    public Subscription {
        tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        tagCodes = Collections.unmodifiableSet(new LinkedHashSet<>(tagCodes));
    }

    /** A TAG subscription; a null or blank expression means {@code *}. */
    public static Subscription parse(String topic, String expression, long subVersion) {
        return parse(topic, expression, TYPE_TAG, subVersion);
    }

    /**
     * @throws IllegalArgumentException naming the problem: invalid topic, unknown expression type, or a TAG expression
     *                                  with no tag between {@code ||}
     */
    public static Subscription parse(String topic, String expression, String expressionType, long subVersion) {
        if (!TopicNames.isValid(topic)) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
        String type = expressionType == null ? TYPE_TAG : expressionType;
        if (TYPE_SQL92.equals(type)) {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("SQL92 subscription of " + topic + " needs an expression");
            }
            return new Subscription(topic, expression.trim(), TYPE_SQL92, Set.of(), Set.of(), subVersion);
        }
        if (!TYPE_TAG.equals(type)) {
            throw new IllegalArgumentException("unknown expression type '" + expressionType + "' (TAG or SQL92)");
        }
        Set<String> tags = parseTags(expression);
        if (tags.isEmpty()) {
            return new Subscription(topic, SUBSCRIBE_ALL, TYPE_TAG, Set.of(), Set.of(), subVersion);
        }
        Set<Integer> codes = new LinkedHashSet<>();
        tags.forEach(tag -> codes.add(tag.hashCode()));
        return new Subscription(topic, expression.trim(), TYPE_TAG, tags, codes, subVersion);
    }

    /**
     * The tags of a TAG expression; empty for {@code *}, null or blank.
     *
     * @throws IllegalArgumentException when an element between {@code ||} is empty
     */
    public static Set<String> parseTags(String expression) {
        if (expression == null || expression.isBlank() || SUBSCRIBE_ALL.equals(expression.trim())) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String part : expression.split("\\|\\|")) {
            String tag = part.trim();
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("tag expression '" + expression + "' has an empty tag");
            }
            if (SUBSCRIBE_ALL.equals(tag)) {
                return Set.of();
            }
            tags.add(tag);
        }
        return tags;
    }

    /** True when this subscription takes every message of the topic (TAG {@code *}). */
    public boolean isAll() {
        return TYPE_TAG.equals(expressionType) && tags.isEmpty();
    }

    /** The client-side exact filter: does a message with {@code tag} belong to this subscription? */
    public boolean matches(String tag) {
        if (!TYPE_TAG.equals(expressionType) || tags.isEmpty()) {
            return true;
        }
        return tag != null && tags.contains(tag);
    }

    /** Writes the HEART_BEAT SubscriptionData object. */
    public void writeJson(JsonWriter json) {
        json.beginObject().field("classFilterMode", false).name("codeSet").beginArray();
        tagCodes.forEach(json::value);
        json.endArray()
                .field("expressionType", expressionType)
                .field("subString", expression)
                .field("subVersion", subVersion)
                .name("tagsSet").beginArray();
        tags.forEach(json::value);
        json.endArray().field("topic", topic).endObject();
    }
}
