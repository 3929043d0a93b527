package org.tidemq.tools.admin.command.group;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.BrokerTarget;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code updateSubGroup}: creates or updates a subscription group on a broker or a cluster's masters. */
@Command(name = "updateSubGroup", description = "Update or create subscription group.")
public final class UpdateSubGroupCommand extends AdminCommand {
    @ArgGroup(multiplicity = "1")
    BrokerTarget target;

    @Option(names = {"-g", "--groupName"}, required = true, description = "consumer group name")
    String groupName;

    @Option(names = {"-s", "--consumeEnable"}, arity = "1", description = "consume enable (default true)")
    boolean consumeEnable = true;

    @Option(names = {"-m", "--consumeFromMinEnable"}, arity = "1", description = "from min offset (default false)")
    boolean consumeFromMinEnable;

    @Option(names = {"-d", "--consumeBroadcastEnable"}, arity = "1", description = "broadcast (default false)")
    boolean consumeBroadcastEnable;

    @Option(names = {"-o", "--consumeMessageOrderly"}, arity = "1", description = "consume message orderly")
    boolean consumeMessageOrderly;

    @Option(names = {"-q", "--retryQueueNums"}, description = "retry queue nums (default 1)")
    int retryQueueNums = 1;

    @Option(names = {"-r", "--retryMaxTimes"}, description = "retry max times (default 16)")
    int retryMaxTimes = 16;

    @Option(names = {"-i", "--brokerId"}, description = "consumer from which broker id")
    long brokerId;

    @Option(names = {"-w", "--whichBrokerWhenConsumeSlowly"}, description = "which broker id when consume slowly")
    long whichBrokerWhenConsumeSlowly = 1;

    @Option(names = {"-a", "--notifyConsumerIdsChanged"}, arity = "1", description = "notify consumerId changed")
    boolean notifyConsumerIdsChanged = true;

    @Option(names = {"-p", "--groupRetryPolicy"}, description = "the json string of retry policy ( exp: "
            + "{\"type\":\"EXPONENTIAL\"} or {\"type\":\"CUSTOMIZED\"} ); only the type is applied")
    String groupRetryPolicy;

    @Option(names = "--attributes", paramLabel = "CHANGES", description = "attribute(+a=b,+c=d,-e): add or change "
            + "(+key=value) or remove (-key) group attributes")
    String attributes;

    /** {@code --attributes=-key} removes a key. */
    @Override
    protected boolean acceptsOptionLikeValues() {
        return true;
    }

    @Override
    protected void run(AdminClient admin) {
        SubscriptionGroupConfig config = config();
        for (String address : admin.createOrUpdateSubscriptionGroup(target.value(), config)) {
            printf("create subscription group to %s success.%n", address);
        }
        printf("%s%n", describe(config));
    }

    SubscriptionGroupConfig config() {
        return new SubscriptionGroupConfig(groupName.trim(), consumeEnable, consumeFromMinEnable,
                consumeBroadcastEnable, consumeMessageOrderly, retryQueueNums, retryMaxTimes, brokerId,
                whichBrokerWhenConsumeSlowly, notifyConsumerIdsChanged, 0, 15, retryPolicyType(groupRetryPolicy),
                AttributeModification.parse(attributes));
    }

    /** Apache takes the policy as JSON ({@code {"type":"EXPONENTIAL",...}}); a bare type name is accepted too. */
    static String retryPolicyType(String policy) {
        if (policy == null || policy.isBlank()) {
            return null;
        }
        String trimmed = policy.trim();
        if (!trimmed.startsWith("{")) {
            return trimmed;
        }
        try {
            String type = JsonReader.parseObject(trimmed).string("type");
            if (type == null) {
                throw new ToolFailure("retry policy " + trimmed + " has no \"type\"");
            }
            return type;
        } catch (JsonParseException e) {
            throw new ToolFailure("retry policy is not valid JSON: " + trimmed);
        }
    }

    /** Apache 5.2.0 prints the SubscriptionGroupConfig's toString; this keeps its layout and field names. */
    static String describe(SubscriptionGroupConfig c) {
        return "SubscriptionGroupConfig{groupName=" + c.groupName() + ", consumeEnable=" + c.consumeEnable()
                + ", consumeFromMinEnable=" + c.consumeFromMinEnable() + ", consumeBroadcastEnable="
                + c.consumeBroadcastEnable() + ", consumeMessageOrderly=" + c.consumeMessageOrderly()
                + ", retryQueueNums=" + c.retryQueueNums() + ", retryMaxTimes=" + c.retryMaxTimes()
                + ", groupRetryPolicy=GroupRetryPolicy{type=" + c.groupRetryPolicyType()
                + ", exponentialRetryPolicy=null, customizedRetryPolicy=null}, brokerId=" + c.brokerId()
                + ", whichBrokerWhenConsumeSlowly=" + c.whichBrokerWhenConsumeSlowly()
                + ", notifyConsumerIdsChangedEnable=" + c.notifyConsumerIdsChangedEnable() + ", groupSysFlag="
                + c.groupSysFlag() + ", consumeTimeoutMinute=" + c.consumeTimeoutMinute()
                + ", subscriptionDataSet=null, attributes=" + c.attributes() + "}";
    }
}
