package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cloneGroupOffset}: copies one group's offsets of a topic to another group. */
@Command(name = "cloneGroupOffset", description = "Clone offset from other group.")
public final class CloneGroupOffsetCommand extends AdminCommand {
    @Option(names = {"-s", "--srcGroup"}, required = true, description = "set source consumer group")
    String srcGroup;

    @Option(names = {"-d", "--destGroup"}, required = true, description = "set destination consumer group")
    String destGroup;

    @Option(names = {"-t", "--topic"}, required = true, description = "set the topic")
    String topic;

    @Option(names = {"-o", "--offline"}, arity = "1", description = "the group or the topic is offline")
    boolean offline;

    @Override
    protected void run(AdminClient admin) {
        admin.cloneGroupOffset(srcGroup.trim(), destGroup.trim(), topic.trim(), offline);
        printf("clone group offset success. srcGroup[%s], destGroup=[%s], topic[%s]%n", srcGroup.trim(),
                destGroup.trim(), topic.trim());
    }
}
