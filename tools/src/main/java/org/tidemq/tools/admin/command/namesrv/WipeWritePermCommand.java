package org.tidemq.tools.admin.command.namesrv;

import org.tidemq.client.admin.AdminClient;
import picocli.CommandLine.Command;

/** {@code wipeWritePerm}: stops producers writing to a broker by removing its write permission in every name server. */
@Command(name = "wipeWritePerm",
        description = "Wipe write perm of broker in all name server you defined in the -n param.")
public final class WipeWritePermCommand extends WritePermCommand {
    @Override
    protected String verb() {
        return "wipe";
    }

    @Override
    protected int apply(AdminClient admin, String namesrv, String broker) {
        return admin.wipeWritePerm(namesrv, broker);
    }
}
