package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.Connection;
import org.tidemq.client.admin.ConsumerConnection;
import org.tidemq.client.admin.SubscriptionInfo;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.TreeMap;

/** {@code consumerConnection}: a group's live consumers, their subscriptions and consume settings. */
@Command(name = "consumerConnection",
        description = "Query consumer's socket connection, client version and subscription.")
public final class ConsumerConnectionCommand extends AdminCommand {
    static final String CONNECTION = "%-36s %-22s %-10s %s%n";
    static final String SUBSCRIPTION = "%-20s %s%n";

    @Option(names = {"-g", "--consumerGroup"}, required = true, description = "consumer group name")
    String group;

    @Option(names = {"-b", "--brokerAddr"}, hidden = true,
            description = "broker address (accepted; the first broker that knows the group answers)")
    String brokerAddr;

    @Override
    protected void run(AdminClient admin) {
        ConsumerConnection connection = admin.consumerConnection(group.trim());
        printf(CONNECTION, "#ClientId", "#ClientAddr", "#Language", "#Version");
        for (Connection client : connection.connections()) {
            printf(CONNECTION, client.clientId(), client.clientAddr(), client.language(),
                    Columns.versionDesc(client.version()));
        }
        printf("%nBelow is subscription:%n");
        printf(SUBSCRIPTION, "#Topic", "#SubExpression");
        for (Map.Entry<String, SubscriptionInfo> entry : new TreeMap<>(connection.subscriptions()).entrySet()) {
            printf(SUBSCRIPTION, entry.getValue().topic(), entry.getValue().expression());
        }
        printf("%n");
        printf("ConsumeType: %s%n", connection.consumeType());
        printf("MessageModel: %s%n", connection.messageModel());
        printf("ConsumeFromWhere: %s%n", connection.consumeFromWhere());
    }
}
