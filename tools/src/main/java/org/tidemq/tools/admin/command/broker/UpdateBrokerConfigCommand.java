package org.tidemq.tools.admin.command.broker;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ClusterBrokers;
import org.tidemq.tools.admin.BrokerTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code updateBrokerConfig}: changes one configuration key on a broker, a cluster's masters, or all its brokers. */
@Command(name = "updateBrokerConfig", description = "Update broker's config.")
public final class UpdateBrokerConfigCommand extends AdminCommand {
    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Option(names = {"-a", "--updateAllBroker"}, arity = "1", description = "update all brokers include slave")
    boolean updateAllBroker;

    @Option(names = {"-k", "--key"}, required = true, description = "config key")
    String key;

    @Option(names = {"-v", "--value"}, required = true, description = "config value")
    String value;

    @Override
    protected void run(AdminClient admin) {
        Map<String, String> change = Map.of(key.trim(), value.trim());
        List<String> brokers;
        if (target.brokerAddress() != null) {
            brokers = List.of(target.brokerAddress());
        } else if (updateAllBroker) {
            brokers = ClusterBrokers.all(admin.clusterInfo(), target.value());
        } else {
            brokers = ClusterBrokers.masters(admin.clusterInfo(), target.value());
        }
        for (String broker : brokers) {
            admin.updateBrokerConfig(broker, change);
            printf("update broker config success, %s%n", broker);
        }
    }
}
