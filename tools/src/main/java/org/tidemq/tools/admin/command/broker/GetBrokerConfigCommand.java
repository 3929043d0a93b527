package org.tidemq.tools.admin.command.broker;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ClusterBrokers;
import org.tidemq.tools.admin.BrokerTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** {@code getBrokerConfig}: a broker's configuration, or every master's and slave's of a cluster. */
@Command(name = "getBrokerConfig", description = "Get broker config by cluster or special broker.")
public final class GetBrokerConfigCommand extends AdminCommand {
    static final String ENTRY = "%-50s=  %s%n";

    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Override
    protected void run(AdminClient admin) {
        if (target.brokerAddress() != null) {
            printf("============%s============%n", target.brokerAddress());
            print(admin, target.brokerAddress());
            return;
        }
        for (Map.Entry<String, List<String>> group
                : ClusterBrokers.mastersAndSlaves(admin.clusterInfo(), target.value()).entrySet()) {
            String master = group.getKey();
            if (master == null) {
                continue;
            }
            printf("============Master: %s============%n", master);
            print(admin, master);
            for (String slave : group.getValue()) {
                printf("============My Master: %s=====Slave: %s============%n", master, slave);
                print(admin, slave);
            }
        }
    }

    private void print(AdminClient admin, String address) {
        Map<String, String> config = admin.brokerConfig(address);
        if (config.isEmpty()) {
            printf("Broker[%s] has no config property!%n", address);
            return;
        }
        config.forEach((key, value) -> printf(ENTRY, key, value));
        printf("%n");
    }
}
