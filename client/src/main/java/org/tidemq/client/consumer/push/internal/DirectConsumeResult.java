package org.tidemq.client.consumer.push.internal;

import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;

/**
 * The answer to CONSUME_MESSAGE_DIRECTLY (309): RocketMQ's {@code ConsumeMessageDirectlyResult}, written as fastjson
 * writes it (members sorted by name, including its {@code spentTimeMills} spelling).
 *
 * @param order           the listener is an orderly one
 * @param autoCommit      RocketMQ's orderly auto-commit flag; always true here (this client has no manual commit)
 * @param outcome         what the listener answered
 * @param remark          the failure, for {@link Outcome#CR_THROW_EXCEPTION}; else null
 * @param spentTimeMillis how long the listener ran
 */
record DirectConsumeResult(boolean order, boolean autoCommit, Outcome outcome, String remark, long spentTimeMillis) {

    /** RocketMQ's {@code CMResult} names. */
    enum Outcome {
        CR_SUCCESS, CR_LATER, CR_ROLLBACK, CR_COMMIT, CR_THROW_EXCEPTION, CR_RETURN_NULL
    }

    byte[] encode() {
        JsonWriter json = new JsonWriter(IntKeyStyle.UNQUOTED);
        json.beginObject().field("autoCommit", autoCommit).field("consumeResult", outcome.name())
                .field("order", order);
        if (remark != null) {
            json.field("remark", remark);
        }
        return json.field("spentTimeMills", spentTimeMillis).endObject().toBytes();
    }

    /** RocketMQ's {@code UtilAll.exceptionSimpleDesc}: the exception and where it was thrown. */
    static String describe(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length == 0 ? failure.toString() : failure + ", " + trace[0];
    }
}
