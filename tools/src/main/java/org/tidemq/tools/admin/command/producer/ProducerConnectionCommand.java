package org.tidemq.tools.admin.command.producer;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.Connection;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code producerConnection}: the live producers of a producer group, numbered. */
@Command(name = "producerConnection", description = "Query producer's socket connection and client version.")
public final class ProducerConnectionCommand extends AdminCommand {
    static final String ROW = "%04d  %-32s %-22s %-8s %s%n";

    @Option(names = {"-g", "--producerGroup"}, required = true, description = "producer group name")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Override
    protected void run(AdminClient admin) {
        List<Connection> connections = admin.producerConnection(group.trim(), topic.trim());
        int index = 1;
        for (Connection client : connections) {
            printf(ROW, index++, client.clientId(), client.clientAddr(), client.language(),
                    Columns.versionDesc(client.version()));
        }
    }
}
