package org.tidemq.tools.admin.command.broker;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ClusterBrokers;
import org.tidemq.tools.admin.BrokerTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.TreeMap;

/** {@code brokerStatus}: a broker's runtime table, or every broker's of a cluster prefixed by its address. */
@Command(name = "brokerStatus", description = "Fetch broker runtime status data.")
public final class BrokerStatusCommand extends AdminCommand {
    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Override
    protected void run(AdminClient admin) {
        if (target.brokerAddress() != null) {
            print(admin.brokerRuntimeInfo(target.brokerAddress()), null);
            return;
        }
        for (String address : ClusterBrokers.all(admin.clusterInfo(), target.value())) {
            try {
                print(admin.brokerRuntimeInfo(address), address);
            } catch (AdminException e) {
                context().err().printf("%s: %s%n", address, e.getMessage());
            }
        }
    }

    private void print(Map<String, String> table, String address) {
        new TreeMap<>(table).forEach((key, value) -> {
            if (address == null) {
                printf("%-32s: %s%n", key, value);
            } else {
                printf("%-24s %-32s: %s%n", address, key, value);
            }
        });
    }
}
