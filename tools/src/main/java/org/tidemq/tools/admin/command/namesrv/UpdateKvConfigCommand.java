package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code updateKvConfig}: stores a name-server KV item (e.g. ORDER_TOPIC_CONFIG) on every name server. */
@Command(name = "updateKvConfig", description = "Create or update KV config.")
public final class UpdateKvConfigCommand extends AdminCommand {
    @Option(names = {"-s", "--namespace"}, required = true, description = "set the namespace")
    String namespace;

    @Option(names = {"-k", "--key"}, required = true, description = "set the key name")
    String key;

    @Option(names = {"-v", "--value"}, required = true, description = "set the key value")
    String value;

    @Override
    protected void run(AdminClient admin) {
        admin.putKvConfig(namespace.trim(), key.trim(), value.trim());
        printf("create or update kv config to namespace success.%n");
    }
}
