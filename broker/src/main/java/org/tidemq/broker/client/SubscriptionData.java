package org.tidemq.broker.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tidemq.common.json.JsonObject;

/**
 * One subscription of a consumer group (facts §4.6): a topic and a tag expression. {@code codeSet} holds the
 * {@code String.hashCode()} of each tag, used for the broker-side (hash) filter.
 *
 * @param expressionType {@code TAG} (default) or {@code SQL92}
 */
public record SubscriptionData(String topic, String subString, Set<String> tagsSet, Set<Integer> codeSet,
                               long subVersion, String expressionType) {
    public static final String SUB_ALL = "*";
    public static final String TAG_TYPE = "TAG";
    private static final String TAG_SEPARATOR = "\\|\\|";

    public SubscriptionData {
        tagsSet = Set.copyOf(tagsSet);
        codeSet = Set.copyOf(codeSet);
        expressionType = expressionType == null || expressionType.isEmpty() ? TAG_TYPE : expressionType;
    }

    /** Whether every message matches ({@code *} or an empty expression). */
    public boolean matchesAll() {
        return subString == null || subString.isBlank() || SUB_ALL.equals(subString.trim());
    }

    public boolean isTagType() {
        return TAG_TYPE.equalsIgnoreCase(expressionType);
    }

    /** Parses a tag expression ({@code *}, {@code TagA || TagB}) as the Java client's FilterAPI does. */
    public static SubscriptionData ofTagExpression(String topic, String expression, long subVersion) {
        Set<String> tags = new LinkedHashSet<>();
        Set<Integer> codes = new LinkedHashSet<>();
        String trimmed = expression == null ? "" : expression.trim();
        if (!trimmed.isEmpty() && !SUB_ALL.equals(trimmed)) {
            for (String tag : trimmed.split(TAG_SEPARATOR)) {
                String t = tag.trim();
                if (!t.isEmpty()) {
                    tags.add(t);
                    codes.add(t.hashCode());
                }
            }
        }
        return new SubscriptionData(topic, trimmed.isEmpty() ? SUB_ALL : trimmed, tags, codes, subVersion, TAG_TYPE);
    }

    /** Decodes the SubscriptionData JSON object of heartbeats and CHECK_CLIENT_CONFIG bodies. */
    public static SubscriptionData fromJson(JsonObject json) {
        Set<String> tags = new LinkedHashSet<>();
        List<Object> tagsArray = json.array("tagsSet");
        if (tagsArray != null) {
            for (Object tag : tagsArray) {
                tags.add(JsonObject.toText(tag, "tagsSet"));
            }
        }
        Set<Integer> codes = new LinkedHashSet<>();
        List<Object> codeArray = json.array("codeSet");
        if (codeArray != null) {
            for (Object code : codeArray) {
                codes.add((int) JsonObject.toLong(code, "codeSet"));
            }
        }
        String topic = json.string("topic");
        if (topic == null) {
            throw new IllegalArgumentException("subscription without topic");
        }
        return new SubscriptionData(topic, json.string("subString"), tags, codes, json.longValue("subVersion", 0),
                json.string("expressionType"));
    }
}
