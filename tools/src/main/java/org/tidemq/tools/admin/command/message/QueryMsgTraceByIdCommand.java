package org.tidemq.tools.admin.command.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.common.protocol.TopicNames;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Finds the trace records of one message (the official client, with tracing on, writes them to the trace topic
 * keyed by the traced msgId) and prints its sends ({@code Pub}) and, per consumer group, its consumptions
 * ({@code Sub}, from the {@code SubAfter} records), in Apache's layout.
 */
@Command(name = "queryMsgTraceById", description = "Query a message trace.")
public final class QueryMsgTraceByIdCommand extends AdminCommand {
    static final String ROW = "%-10s %-20s %-20s %-20s %-10s %-10s%n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id")
    String msgId;

    @Option(names = {"-t", "--traceTopic"}, description = "The name value of message trace topic")
    String traceTopic = TopicNames.TRACE_TOPIC;

    @Option(names = {"-b", "--beginTimestamp"}, description = "Begin timestamp(ms). default:0, eg:1676730526212")
    long beginMillis;

    @Option(names = {"-e", "--endTimestamp"},
            description = "End timestamp(ms). default:Long.MAX_VALUE, eg:1676730526212")
    long endMillis = Long.MAX_VALUE;

    @Option(names = {"-c", "--maxNum"},
            description = "The maximum number of messages returned by the query, default:64")
    int maxNum = 64;

    /** A trace entry with the host that sent the trace record (the traced client). */
    private record View(TraceEntry entry, String clientHost) {
    }

    @Override
    protected void run(AdminClient admin) {
        String id = msgId.trim();
        List<View> views = new ArrayList<>();
        for (ReceivedMessage message : admin.queryByKey(traceTopic.trim(), id, maxNum, beginMillis, endMillis)) {
            TraceEntry.Parsed parsed = TraceEntry.parse(new String(message.body(), StandardCharsets.UTF_8));
            if (parsed.malformed() > 0) {
                context().err().printf("skipped %d unreadable trace record(s) in message %s%n", parsed.malformed(),
                        message.messageId());
            }
            String host = message.bornHost() == null ? null : message.bornHost().getAddress().getHostAddress();
            parsed.entries().stream().filter(entry -> id.equals(entry.msgId()))
                    .forEach(entry -> views.add(new View(entry, host)));
        }
        print(views, context().clock().getZone());
    }

    private void print(List<View> views, ZoneId zone) {
        Map<String, List<View>> consumptionsByGroup = new LinkedHashMap<>();
        for (View view : views) {
            TraceEntry entry = view.entry();
            if (TraceEntry.PUB.equals(entry.type())) {
                printf(ROW, "#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes", "#Status");
                printf(ROW, "Pub", entry.group(), view.clientHost(), time(entry.timestamp(), zone),
                        entry.costMillis() + "ms", status(entry));
                printf("%n");
            } else if (TraceEntry.SUB_AFTER.equals(entry.type())) {
                consumptionsByGroup.computeIfAbsent(entry.group(), group -> new ArrayList<>()).add(view);
            }
        }
        for (List<View> consumptions : consumptionsByGroup.values()) {
            printf(ROW, "#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes", "#Status");
            for (View view : consumptions) {
                TraceEntry entry = view.entry();
                printf(ROW, "Sub", entry.group(), view.clientHost(), time(entry.timestamp(), zone),
                        entry.costMillis() + "ms", status(entry));
            }
            printf("%n");
        }
    }

    private static String status(TraceEntry entry) {
        return entry.success() ? "success" : "failed";
    }

    private static String time(long millis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
