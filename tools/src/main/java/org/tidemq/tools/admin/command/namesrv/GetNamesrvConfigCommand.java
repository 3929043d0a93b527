package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;

/** {@code getNamesrvConfig}: every name server's configuration, one block per server. */
@Command(name = "getNamesrvConfig", description = "Get configs of name server.")
public final class GetNamesrvConfigCommand extends AdminCommand {
    static final String ENTRY = "%-50s=  %s%n";

    @Override
    protected void run(AdminClient admin) {
        for (String namesrv : admin.nameServerAddresses()) {
            printf("============%s============%n", namesrv);
            admin.namesrvConfig(namesrv).forEach((key, value) -> printf(ENTRY, key, value));
        }
    }
}
