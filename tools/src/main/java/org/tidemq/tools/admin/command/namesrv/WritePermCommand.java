package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Option;

/**
 * Shared body of {@code wipeWritePerm} and {@code addWritePerm}: applies one write-permission change for a broker in
 * every name server of {@code -n}, printing Apache's per-name-server line, and fails when any name server refused.
 */
abstract class WritePermCommand extends AdminCommand {
    @Option(names = {"-b", "--brokerName"}, required = true, description = "broker name")
    String brokerName;

    /** "wipe" or "add", as the output lines say it. */
    protected abstract String verb();

    /** The change on one name server; returns the number of topics it affected. */
    protected abstract int apply(AdminClient admin, String namesrv, String broker);

    @Override
    protected void run(AdminClient admin) {
        String broker = brokerName.trim();
        int failures = 0;
        for (String namesrv : admin.nameServerAddresses()) {
            try {
                int count = apply(admin, namesrv, broker);
                printf("%s write perm of broker[%s] in name server[%s] OK, %d%n", verb(), broker, namesrv, count);
            } catch (AdminException e) {
                failures++;
                printf("%s write perm of broker[%s] in name server[%s] Failed%n", verb(), broker, namesrv);
                context().err().printf("%s%n", e.getMessage());
            }
        }
        if (failures > 0) {
            throw new ToolFailure(failures + " name server(s) failed to " + verb() + " the write permission of "
                    + broker);
        }
    }
}
