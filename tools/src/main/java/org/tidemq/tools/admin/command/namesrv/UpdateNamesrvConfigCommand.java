package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code updateNamesrvConfig}: changes one configuration key on every name server at run time. */
@Command(name = "updateNamesrvConfig", description = "Update configs of name server.")
public final class UpdateNamesrvConfigCommand extends AdminCommand {
    @Option(names = {"-k", "--key"}, required = true, description = "config key")
    String key;

    @Option(names = {"-v", "--value"}, required = true, description = "config value")
    String value;

    @Override
    protected void run(AdminClient admin) {
        String name = key.trim();
        String newValue = value.trim();
        for (String namesrv : admin.nameServerAddresses()) {
            admin.updateNamesrvConfig(namesrv, Map.of(name, newValue));
        }
        printf("update name server config success!%s%n%s : %s%n", admin.nameServerAddresses(), name, newValue);
    }
}
