package org.tidemq.tools.admin.command.group;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.BrokerTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deleteSubGroup}: removes a subscription group from a broker or a cluster's masters. */
@Command(name = "deleteSubGroup", description = "Delete subscription group from broker.")
public final class DeleteSubGroupCommand extends AdminCommand {
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final String DLQ_PREFIX = "%DLQ%";

    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Option(names = {"-g", "--groupName"}, required = true, description = "subscription group name")
    String groupName;

    @Option(names = {"-r", "--removeOffset"}, arity = "1", description = "remove offset (default false)")
    boolean removeOffset;

    @Override
    protected void run(AdminClient admin) {
        String group = groupName.trim();
        boolean cluster = target.brokerAddress() == null;
        for (String address : admin.deleteSubscriptionGroup(target.value(), group, removeOffset)) {
            if (cluster) {
                printf("delete subscription group [%s] from broker [%s] in cluster [%s] success.%n", group, address,
                        target.value());
            } else {
                printf("delete subscription group [%s] from broker [%s] success.%n", group, address);
            }
        }
        if (cluster) {
            dropGroupTopic(admin, RETRY_PREFIX + group);
            dropGroupTopic(admin, DLQ_PREFIX + group);
        }
    }

    /** Like Apache's tool, a cluster-wide delete also removes the group's retry and dead-letter topics if any. */
    private void dropGroupTopic(AdminClient admin, String topic) {
        try {
            admin.deleteTopic(target.value(), topic);
        } catch (AdminException e) {
            context().err().printf("could not delete %s: %s%n", topic, e.getMessage());
        }
    }
}
