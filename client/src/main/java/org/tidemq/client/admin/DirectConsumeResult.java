package org.tidemq.client.admin;

import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;

/**
 * What a consumer answered to CONSUME_MESSAGE_DIRECTLY: RocketMQ's {@code ConsumeMessageDirectlyResult}.
 *
 * @param order           the consumer's listener is an orderly one
 * @param autoCommit      RocketMQ's orderly auto-commit flag
 * @param consumeResult   RocketMQ's {@code CMResult} name: CR_SUCCESS, CR_LATER, CR_ROLLBACK, CR_COMMIT,
 *                        CR_THROW_EXCEPTION or CR_RETURN_NULL; null when the consumer sent none
 * @param remark          the listener's failure, else null
 * @param spentTimeMillis how long the listener ran
 */
public record DirectConsumeResult(boolean order, boolean autoCommit, String consumeResult, String remark,
                                  long spentTimeMillis) {

    /** Reads the JSON body (field names as RocketMQ spells them, including {@code spentTimeMills}). */
    public static DirectConsumeResult decode(byte[] body) {
        JsonObject json = JsonReader.parseObject(body);
        return new DirectConsumeResult(json.boolValue("order", false), json.boolValue("autoCommit", true),
                json.string("consumeResult"), json.string("remark"), json.longValue("spentTimeMills", 0));
    }
}
