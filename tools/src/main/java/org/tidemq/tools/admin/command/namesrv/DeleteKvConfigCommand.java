package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deleteKvConfig}: removes a name-server KV item from every name server. */
@Command(name = "deleteKvConfig", description = "Delete KV config.")
public final class DeleteKvConfigCommand extends AdminCommand {
    @Option(names = {"-s", "--namespace"}, required = true, description = "set the namespace")
    String namespace;

    @Option(names = {"-k", "--key"}, required = true, description = "set the key name")
    String key;

    @Override
    protected void run(AdminClient admin) {
        admin.deleteKvConfig(namespace.trim(), key.trim());
        printf("delete kv config from namespace success.%n");
    }
}
