package org.tidemq.tools.admin.command.message;

import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.producer.Message;

import java.util.Set;

/** A stored message turned back into one to send: topic, tags, keys, flag, body and the application's properties. */
final class Resend {
    /** Properties RocketMQ clients and brokers set themselves; the producer sets its own on the copy. */
    static final Set<String> SYSTEM_PROPERTIES = Set.of("TAGS", "KEYS", "WAIT", "UNIQ_KEY", "DELAY", "RETRY_TOPIC",
            "REAL_TOPIC", "REAL_QID", "TRAN_MSG", "PGROUP", "MIN_OFFSET", "MAX_OFFSET", "ORIGIN_MESSAGE_ID",
            "RECONSUME_TIME", "MAX_RECONSUME_TIMES", "MSG_REGION", "TRACE_ON", "CLUSTER", "TIMER_DELAY_SEC",
            "TIMER_DELIVER_MS", "TIMER_DELAY_MS", "__transactionId__", "CONSUME_START_TIME",
            "TRAN_PREPARED_QUEUE_OFFSET", "TRANSACTION_CHECK_TIMES", "CHECK_IMMUNITY_TIME_IN_SECONDS", "INSTANCE_ID",
            "CORRELATION_ID",
            "REPLY_TO_CLIENT", "TTL", "ARRIVE_TIME", "PUSH_REPLY_TIME", "POP_CK", "POP_CK_OFFSET", "1ST_POP_TIME",
            "SHARDING_KEY", "bname", "TIMER_OUT_MS", "TIMER_ENQUEUE_MS", "TIMER_DEQUEUE_MS", "TIMER_ROLL_TIMES",
            "TIMER_DEL_UNIQKEY", "__STARTDELIVERTIME", "INNER_NUM", "INNER_BASE", "TRACE_CONTEXT", "MSG_TYPE",
            "TIMER_DELETE_ID");

    private Resend() {
    }

    static Message copyOf(ReceivedMessage message) {
        Message.Builder builder = Message.builder(message.topic()).body(message.body()).flag(message.flag());
        if (message.tags() != null && !message.tags().isBlank()) {
            builder.tags(message.tags());
        }
        if (!message.keys().isEmpty()) {
            builder.keys(message.keys().toArray(String[]::new));
        }
        message.properties().forEach((name, value) -> {
            if (!SYSTEM_PROPERTIES.contains(name) && !value.isEmpty()) {
                builder.property(name, value);
            }
        });
        return builder.build();
    }
}
