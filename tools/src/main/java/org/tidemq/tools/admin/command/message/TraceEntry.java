package org.tidemq.tools.admin.command.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One context of a message-trace record, as the official client's {@code TraceDataEncoder} writes them to the trace
 * topic: contexts separated by {@code \u0002}, fields by {@code \u0001}, the first field the type.
 * <ul>
 *   <li>{@code Pub}: type, timestamp, region, producer group, topic, msgId, tags, keys, storeHost, bodyLength,
 *       costTime, msgType ordinal, [offsetMsgId,] success, [clientHost]</li>
 *   <li>{@code SubBefore}: type, timestamp, region, consumer group, requestId, msgId, retryTimes, keys</li>
 *   <li>{@code SubAfter}: type, requestId, msgId, costTime, success, keys, [contextCode, [timestamp, consumer
 *       group]] (the last two are missing for the CLOUD access channel)</li>
 *   <li>{@code EndTransaction}: type, timestamp, region, producer group, topic, msgId, tags, keys, storeHost, ...</li>
 * </ul>
 *
 * @param type       Pub, SubBefore, SubAfter or EndTransaction
 * @param timestamp  when the event happened (0 if the record does not say)
 * @param group      producer or consumer group ({@code null} if the record does not say)
 * @param topic      the traced message's topic ({@code null} for consume records, which do not carry it)
 * @param msgId      the traced message's id (client unique key)
 * @param costMillis send or consume time, 0 for SubBefore and EndTransaction
 * @param success    whether the send or the consumption succeeded
 */
public record TraceEntry(String type, long timestamp, String group, String topic, String msgId, int costMillis,
                         boolean success) {
    static final char FIELD_SEPARATOR = '\u0001';
    static final char CONTEXT_SEPARATOR = '\u0002';

    public static final String PUB = "Pub";
    public static final String SUB_BEFORE = "SubBefore";
    public static final String SUB_AFTER = "SubAfter";
    public static final String END_TRANSACTION = "EndTransaction";

    /** What a trace message body holds: the contexts understood, and how many were not. */
    public record Parsed(List<TraceEntry> entries, int malformed) {
    }

    /** Reads every context of one trace message body; unknown types and malformed contexts are counted, not read. */
    public static Parsed parse(String body) {
        List<TraceEntry> entries = new ArrayList<>();
        int malformed = 0;
        for (String context : body.split(String.valueOf(CONTEXT_SEPARATOR))) {
            if (context.isEmpty()) {
                continue;
            }
            String[] f = context.split(String.valueOf(FIELD_SEPARATOR), -1);
            try {
                TraceEntry entry = switch (f[0]) {
                    case PUB -> f.length < 13 ? null : new TraceEntry(PUB, Long.parseLong(f[1]), f[3], f[4], f[5],
                            Integer.parseInt(f[10]), Boolean.parseBoolean(f.length == 13 ? f[12] : f[13]));
                    case SUB_BEFORE -> f.length < 8 ? null
                            : new TraceEntry(SUB_BEFORE, Long.parseLong(f[1]), f[3], null, f[5], 0, false);
                    case SUB_AFTER -> f.length < 6 ? null : new TraceEntry(SUB_AFTER,
                            f.length >= 9 ? Long.parseLong(f[7]) : 0, f.length >= 9 ? f[8] : null, null, f[2],
                            Integer.parseInt(f[3]), Boolean.parseBoolean(f[4]));
                    case END_TRANSACTION -> f.length < 13 ? null
                            : new TraceEntry(END_TRANSACTION, Long.parseLong(f[1]), f[3], f[4], f[5], 0, true);
                    default -> null;
                };
                if (entry == null) {
                    malformed++;
                } else {
                    entries.add(entry);
                }
            } catch (NumberFormatException e) {
                malformed++;
            }
        }
        return new Parsed(entries, malformed);
    }
}
