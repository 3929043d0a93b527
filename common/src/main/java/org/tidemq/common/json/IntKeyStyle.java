package org.tidemq.common.json;

/**
 * How {@link JsonWriter} writes integer map keys (broker ids, queue ids).
 *
 * <p>fastjson, which RocketMQ uses, writes them bare ({@code {0:"addr"}}); peers that asked for standard JSON (a
 * GET_ROUTEINFO_BY_TOPIC request of version ≥ 4.9.4 or with {@code acceptStandardJsonOnly}) get them quoted.
 */
public enum IntKeyStyle {
    /** fastjson's default: {@code {0:"127.0.0.1:10911"}}. Not standard JSON. */
    UNQUOTED,
    /** Standard JSON: {@code {"0":"127.0.0.1:10911"}}. */
    QUOTED
}
