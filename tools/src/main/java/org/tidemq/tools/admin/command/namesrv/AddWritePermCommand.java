package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import picocli.CommandLine.Command;

/** {@code addWritePerm}: restores the write permission of a broker in every name server. */
@Command(name = "addWritePerm",
        description = "Add write perm of broker in all name server you defined in the -n param.")
public final class AddWritePermCommand extends WritePermCommand {
    @Override
    protected String verb() {
        return "add";
    }

    @Override
    protected int apply(AdminClient admin, String namesrv, String broker) {
        return admin.addWritePerm(namesrv, broker);
    }
}
