package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wipeWritePerm}: stops producers writing to a broker by removing its write permission in every name server. */
@Command(name = "wipeWritePerm",
        description = "Wipe write perm of broker in all name server you defined in the -n param.")
public final class WipeWritePermCommand extends AdminCommand {
    @Option(names = {"-b", "--brokerName"}, required = true, description = "broker name")
    String brokerName;

    @Override
    protected void run(AdminClient admin) {
        String broker = brokerName.trim();
        int failures = 0;
        for (String namesrv : admin.nameServerAddresses()) {
            try {
                int count = admin.wipeWritePerm(namesrv, broker);
                printf("wipe write perm of broker[%s] in name server[%s] OK, %d%n", broker, namesrv, count);
            } catch (AdminException e) {
                failures++;
                printf("wipe write perm of broker[%s] in name server[%s] Failed%n", broker, namesrv);
                context().err().printf("%s%n", e.getMessage());
            }
        }
        if (failures > 0) {
            throw new ToolFailure(failures + " name server(s) failed to wipe the write permission of " + broker);
        }
    }
}
