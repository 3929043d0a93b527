package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code addWritePerm}: restores the write permission of a broker in every name server. */
@Command(name = "addWritePerm",
        description = "Add write perm of broker in all name server you defined in the -n param.")
public final class AddWritePermCommand extends AdminCommand {
    @Option(names = {"-b", "--brokerName"}, required = true, description = "broker name")
    String brokerName;

    @Override
    protected void run(AdminClient admin) {
        String broker = brokerName.trim();
        int failures = 0;
        for (String namesrv : admin.nameServerAddresses()) {
            try {
                int count = admin.addWritePerm(namesrv, broker);
                printf("add write perm of broker[%s] in name server[%s] OK, %d%n", broker, namesrv, count);
            } catch (AdminException e) {
                failures++;
                printf("add write perm of broker[%s] in name server[%s] Failed%n", broker, namesrv);
                context().err().printf("%s%n", e.getMessage());
            }
        }
        if (failures > 0) {
            throw new ToolFailure(failures + " name server(s) failed to add the write permission of " + broker);
        }
    }
}
