package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.Connection;
import org.tidemq.client.admin.ConsumerConnection;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code consumerStatus}: every live consumer's running state (GET_CONSUMER_RUNNING_INFO) saved to
 * {@code <now>/<clientId>} with a check that the group's consumers subscribe alike and share the queues without
 * overlap; with {@code -i} one consumer's state printed (as JSON, where Apache's tool prints its own text layout).
 */
@Command(name = "consumerStatus", description = "Query consumer's internal data structure.")
public final class ConsumerStatusCommand extends AdminCommand {
    static final String FORMAT = "%-10s %-40s %-20s %s%n";

    @Option(names = {"-g", "--consumerGroup"}, required = true, description = "consumer group name")
    String group;

    @Option(names = {"-i", "--clientId"}, description = "The consumer's client id")
    String clientId;

    @Option(names = {"-b", "--brokerAddr"}, hidden = true, description = "broker address (accepted; ignored)")
    String brokerAddr;

    @Option(names = {"-s", "--jstack"}, description = "Run jstack command in the consumer progress")
    boolean jstack;

    @Override
    protected void run(AdminClient admin) {
        String name = group.trim();
        if (clientId != null) {
            printf("%s%n", Columns.prettyJson(admin.consumerRunningInfo(name, clientId.trim(), jstack)));
            return;
        }
        ConsumerConnection connection = admin.consumerConnection(name);
        long now = context().clock().millis();
        Map<String, JsonObject> infos = new TreeMap<>();
        printf(FORMAT, "#Index", "#ClientId", "#Version", "#ConsumerRunningInfoFile");
        int index = 1;
        for (Connection client : connection.connections()) {
            String json;
            try {
                json = admin.consumerRunningInfo(name, client.clientId(), jstack);
            } catch (AdminException e) {
                context().err().printf("%s: %s%n", client.clientId(), e.getMessage());
                continue;
            }
            infos.put(client.clientId(), JsonReader.parseObject(json));
            String file = now + "/" + client.clientId();
            write(Path.of(file), Columns.prettyJson(json));
            printf("%-10d %-40s %-20s %s%n", index++, client.clientId(), Columns.versionDesc(client.version()), file);
        }
        if (infos.isEmpty()) {
            return;
        }
        if (sameSubscriptions(infos)) {
            printf("%n%nSame subscription in the same group of consumer");
            printf("%n%nRebalance %s%n", queuesAssignedOnce(infos) ? "OK" : "Failed");
        } else {
            printf("%n%nWARN: Different subscription in the same group of consumer!!!");
        }
    }

    /** Every consumer reports the same subscription set. */
    static boolean sameSubscriptions(Map<String, JsonObject> infos) {
        return infos.values().stream().map(info -> String.valueOf(info.get("subscriptionSet"))).distinct()
                .count() == 1;
    }

    /** No queue appears in two consumers' tables. */
    static boolean queuesAssignedOnce(Map<String, JsonObject> infos) {
        Set<String> seen = new HashSet<>();
        for (JsonObject info : infos.values()) {
            JsonObject table = info.object("mqTable");
            if (table == null) {
                continue;
            }
            for (Object queue : table.members().keySet()) {
                if (!seen.add(Objects.toString(queue))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
