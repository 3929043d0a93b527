package org.tidemq.tools.admin;

import org.tidemq.common.remoting.RemotingVersion;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Output conventions shared by the commands, matching Apache RocketMQ's {@code mqadmin} so scripts that parse its
 * tables keep working: column truncation, timestamp styles, version names and pretty JSON.
 */
public final class Columns {
    /** Apache's {@code timeMillisToHumanString2}: {@code 2024-01-31 23:59:59,123}. */
    private static final DateTimeFormatter HUMAN_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** Apache's {@code YYYY_MM_DD_HH_MM_SS}. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Columns() {
    }

    /** The text cut to at most {@code size} characters (Apache's {@code frontStringAtLeast}); null stays null. */
    public static String front(String text, int size) {
        return text != null && text.length() > size ? text.substring(0, size) : text;
    }

    /** Local time with milliseconds, e.g. {@code 2024-01-31 23:59:59,123}. */
    public static String humanMillis(long epochMillis, ZoneId zone) {
        return HUMAN_MILLIS.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** Local time to the second, e.g. {@code 2024-01-31 23:59:59}. */
    public static String seconds(long epochMillis, ZoneId zone) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** The name Apache prints for a client version ordinal ({@code V5_2_0}), or the number when not known here. */
    public static String versionDesc(int version) {
        return switch (version) {
            case RemotingVersion.V3_0_11 -> "V3_0_11";
            case RemotingVersion.V3_4_9 -> "V3_4_9";
            case RemotingVersion.V4_9_3 -> "V4_9_3";
            case RemotingVersion.V4_9_4 -> "V4_9_4";
            case RemotingVersion.V5_0_0 -> "V5_0_0";
            case RemotingVersion.V5_1_4 -> "V5_1_4";
            case RemotingVersion.V5_2_0 -> "V5_2_0";
            default -> Integer.toString(version);
        };
    }

    /** Compact JSON re-indented with tabs, one member per line (fastjson's pretty format). */
    public static String prettyJson(String compact) {
        StringBuilder out = new StringBuilder(compact.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < compact.length()) {
                    out.append(compact.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
                        out.append(c).append(close);
                        i++;
                    } else {
                        out.append(c);
                        newline(out, ++depth);
                    }
                }
                case '}', ']' -> {
                    newline(out, --depth);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth);
                }
                case ':' -> out.append(':');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append("\t".repeat(Math.max(0, depth)));
    }
}
