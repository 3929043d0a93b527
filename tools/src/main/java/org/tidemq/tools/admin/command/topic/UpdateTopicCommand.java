package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.TopicSpec;
import org.tidemq.common.protocol.Perm;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code updateTopic}: creates or updates a topic on one broker ({@code -b}) or every master of a cluster ({@code -c}). */
@Command(name = "updateTopic", description = "Update or create topic.")
public final class UpdateTopicCommand extends AdminCommand {
    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = {"-b", "--brokerAddr"}, required = true, description = "create topic to which broker")
        String brokerAddr;

        @Option(names = {"-c", "--clusterName"}, required = true, description = "create topic to which cluster")
        String clusterName;
    }

    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-r", "--readQueueNums"}, description = "set read queue nums (default 8)")
    int readQueues = TopicSpec.DEFAULT_QUEUES;

    @Option(names = {"-w", "--writeQueueNums"}, description = "set write queue nums (default 8)")
    int writeQueues = TopicSpec.DEFAULT_QUEUES;

    @Option(names = {"-p", "--perm"}, description = "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]")
    int perm = Perm.READ_WRITE;

    @Option(names = {"-o", "--order"}, arity = "1", paramLabel = "true|false",
            description = "set topic's order(true|false)")
    boolean order;

    @Option(names = {"-a", "--attributes"}, description = "attribute(+a=b,+c=d,-e); accepted for compatibility, "
            + "not sent")
    String attributes;

    @Option(names = {"-u", "--unit"}, arity = "1", hidden = true, description = "is unit topic (true|false)")
    boolean unit;

    @Option(names = {"-s", "--hasUnitSub"}, arity = "1", hidden = true, description = "has unit sub (true|false)")
    boolean hasUnitSub;

    @Override
    protected void run(AdminClient admin) {
        TopicSpec spec = new TopicSpec(topic.trim(), readQueues, writeQueues, perm, order);
        String where = target.brokerAddr != null ? target.brokerAddr.trim() : target.clusterName.trim();
        admin.createOrUpdateTopic(where, spec);
        printf("create topic to %s success.%n", where);
        printf("%s%n", describe(spec));
    }

    /** Apache prints the TopicConfig's toString after a change; this keeps its field names and order. */
    static String describe(TopicSpec spec) {
        return "TopicConfig [topicName=" + spec.name() + ", readQueueNums=" + spec.readQueues() + ", writeQueueNums="
                + spec.writeQueues() + ", perm=" + Perm.describe(spec.perm()) + ", topicFilterType=SINGLE_TAG"
                + ", topicSysFlag=0, order=" + spec.order() + ", attributes={}]";
    }
}
