package org.tidemq.broker.pull;

import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * PULL_MESSAGE request fields (facts §4.2).
 *
 * @param maxMsgBytes 5.x optional byte budget; null when absent
 */
public record PullMessageRequestHeader(String consumerGroup, String topic, int queueId, long queueOffset,
                                       int maxMsgNums, int sysFlag, long commitOffset, long suspendTimeoutMillis,
                                       String subscription, long subVersion, String expressionType,
                                       Integer maxMsgBytes) {

    /**
     * Decodes the request's extFields.
     *
     * @throws MissingHeaderFieldException naming the first mandatory field that is absent or not a number
     */
    public static PullMessageRequestHeader parse(RemotingCommand request) {
        Long maxMsgBytes = HeaderFields.optionalLong(request, "maxMsgBytes");
        Long commitOffset = HeaderFields.optionalLong(request, "commitOffset");
        Long suspend = HeaderFields.optionalLong(request, "suspendTimeoutMillis");
        Long subVersion = HeaderFields.optionalLong(request, "subVersion");
        return new PullMessageRequestHeader(
                HeaderFields.required(request, "consumerGroup"),
                HeaderFields.required(request, "topic"),
                (int) HeaderFields.requiredLong(request, "queueId"),
                HeaderFields.requiredLong(request, "queueOffset"),
                (int) HeaderFields.requiredLong(request, "maxMsgNums"),
                (int) HeaderFields.requiredLong(request, "sysFlag"),
                commitOffset == null ? 0 : commitOffset,
                suspend == null ? 0 : suspend,
                request.field("subscription"),
                subVersion == null ? 0 : subVersion,
                request.field("expressionType"),
                maxMsgBytes == null ? null : maxMsgBytes.intValue());
    }

    /** Writes the fields onto a request; for clients and tests. */
    public RemotingCommand writeTo(RemotingCommand request) {
        return request.putField("consumerGroup", consumerGroup)
                .putField("topic", topic)
                .putField("queueId", queueId)
                .putField("queueOffset", queueOffset)
                .putField("maxMsgNums", maxMsgNums)
                .putField("sysFlag", sysFlag)
                .putField("commitOffset", commitOffset)
                .putField("suspendTimeoutMillis", suspendTimeoutMillis)
                .putField("subscription", subscription)
                .putField("subVersion", subVersion)
                .putField("expressionType", expressionType)
                .putField("maxMsgBytes", maxMsgBytes);
    }
}
