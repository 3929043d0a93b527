package org.tidemq.tools.admin.command.message;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.DirectConsumeResult;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonReader;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The {@code -g group -d clientId} mode of {@code queryMsgById} and {@code queryMsgByUniqueKey}: one push consumer
 * consumes the message now (CONSUME_MESSAGE_DIRECTLY) and the tool prints its ConsumeMessageDirectlyResult, as
 * Apache's tool does. Only push consumers can: the consumer's running info must say {@code CONSUME_PASSIVELY}.
 */
final class DirectConsume {
    private static final String PUSH = "CONSUME_PASSIVELY";

    private final AdminClient admin;
    private final PrintWriter out;
    private final String group;
    private final String clientId;

    DirectConsume(AdminClient admin, PrintWriter out, String group, String clientId) {
        this.admin = admin;
        this.out = out;
        this.group = group;
        this.clientId = clientId;
    }

    /** The consumer's {@code PROP_CONSUME_TYPE}; empty when the consumer cannot be asked. */
    Optional<String> consumeType() {
        String info;
        try {
            info = admin.consumerRunningInfo(group, clientId, false);
        } catch (AdminException e) {
            return Optional.empty();
        }
        try {
            JsonObject properties = JsonReader.parseObject(info).object("properties");
            return Optional.ofNullable(properties == null ? null : properties.string("PROP_CONSUME_TYPE"));
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    /** queryMsgById's form: an unreachable or pull consumer gets Apache's "not push consumer" line. */
    void byOffsetId(String topic, String offsetMessageId) {
        if (consumeType().filter(PUSH::equals).isPresent()) {
            print(admin.consumeMessageDirectly(group, clientId, topic, offsetMessageId));
        } else {
            out.printf("this %s client is not push consumer ,not support direct push %n", clientId);
        }
    }

    /** queryMsgByUniqueKey's form, with its own two lines when the consumer cannot be asked. */
    void byUniqueKey(String topic, String offsetMessageId) {
        Optional<String> type = consumeType();
        if (type.isEmpty()) {
            out.printf("get consumer runtime info for %s client failed %n", clientId);
        }
        if (type.filter(PUSH::equals).isPresent()) {
            print(admin.consumeMessageDirectly(group, clientId, topic, offsetMessageId));
        } else {
            out.printf("get consumer info failed or this %s client is not push consumer ,not support direct push %n",
                    clientId);
        }
    }

    private void print(DirectConsumeResult result) {
        out.printf("%s%n", describe(result));
    }

    /** Apache's {@code ConsumeMessageDirectlyResult.toString()}. */
    static String describe(DirectConsumeResult r) {
        return "ConsumeMessageDirectlyResult [order=" + r.order() + ", autoCommit=" + r.autoCommit()
                + ", consumeResult=" + r.consumeResult() + ", remark=" + r.remark() + ", spentTimeMills="
                + r.spentTimeMillis() + "]";
    }
}
