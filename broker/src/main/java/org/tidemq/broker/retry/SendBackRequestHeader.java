package org.tidemq.broker.retry;

import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * The fields of CONSUMER_SEND_MSG_BACK (facts §4.4).
 *
 * @param offset            commit-log offset of the message that failed
 * @param delayLevel        0 = the broker picks 3 + reconsumeTimes; negative = straight to the DLQ
 * @param maxReconsumeTimes the consumer's limit (honoured from client version V3_4_9), or null
 */
public record SendBackRequestHeader(long offset, String group, int delayLevel, String originMsgId,
                                    String originTopic, boolean unitMode, Integer maxReconsumeTimes) {

    /**
     * Decodes the request's extFields.
     *
     * @throws MissingHeaderFieldException naming the first mandatory field that is absent or not a number
     */
    public static SendBackRequestHeader parse(RemotingCommand request) {
        Long max = HeaderFields.optionalLong(request, "maxReconsumeTimes");
        return new SendBackRequestHeader(
                HeaderFields.requiredLong(request, "offset"),
                HeaderFields.required(request, "group"),
                (int) HeaderFields.requiredLong(request, "delayLevel"),
                request.field("originMsgId"),
                request.field("originTopic"),
                request.boolField("unitMode"),
                max == null ? null : max.intValue());
    }

    /** Writes the fields as the Java client does; for tests and tools. */
    public RemotingCommand writeTo(RemotingCommand request) {
        return request.putField("offset", offset).putField("group", group).putField("delayLevel", delayLevel)
                .putField("originMsgId", originMsgId).putField("originTopic", originTopic)
                .putField("unitMode", unitMode).putField("maxReconsumeTimes", maxReconsumeTimes);
    }
}
