package org.tidemq.broker.send;

import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;

/**
 * The fields of a send request (facts §4.1), read from either the long names of SEND_MESSAGE or the one-letter names
 * a..n of SEND_MESSAGE_V2 (which SEND_BATCH_MESSAGE also uses when the client sends "smart" messages).
 *
 * @param queueId target queue; negative means "any" (the broker picks one)
 */
public record SendMessageRequestHeader(String producerGroup, String topic, String defaultTopic,
                                       int defaultTopicQueueNums, int queueId, int sysFlag, long bornTimestamp,
                                       int flag, String properties, int reconsumeTimes, boolean unitMode,
                                       Integer maxReconsumeTimes, boolean batch, String brokerName) {

    /** Long field name → V2 short name, in the order of the facts table. */
    private static final String[][] NAMES = {
            {"producerGroup", "a"}, {"topic", "b"}, {"defaultTopic", "c"}, {"defaultTopicQueueNums", "d"},
            {"queueId", "e"}, {"sysFlag", "f"}, {"bornTimestamp", "g"}, {"flag", "h"}, {"properties", "i"},
            {"reconsumeTimes", "j"}, {"unitMode", "k"}, {"maxReconsumeTimes", "l"}, {"batch", "m"},
            {"brokerName", "n"}};

    /**
     * Decodes the request's extFields.
     *
     * @throws MissingHeaderFieldException naming the first mandatory field that is absent or not a number
     */
    public static SendMessageRequestHeader parse(RemotingCommand request) {
        boolean v2 = request.field("b") != null && request.field("topic") == null;
        Names n = new Names(v2);
        Long maxReconsume = HeaderFields.optionalLong(request, n.of(11));
        Long reconsume = HeaderFields.optionalLong(request, n.of(9));
        return new SendMessageRequestHeader(
                HeaderFields.required(request, n.of(0)),
                HeaderFields.required(request, n.of(1)),
                request.field(n.of(2)),
                (int) HeaderFields.requiredLong(request, n.of(3)),
                (int) HeaderFields.requiredLong(request, n.of(4)),
                (int) HeaderFields.requiredLong(request, n.of(5)),
                HeaderFields.requiredLong(request, n.of(6)),
                (int) HeaderFields.requiredLong(request, n.of(7)),
                request.field(n.of(8)),
                reconsume == null ? 0 : reconsume.intValue(),
                request.boolField(n.of(10)),
                maxReconsume == null ? null : maxReconsume.intValue(),
                request.boolField(n.of(12)),
                request.field(n.of(13)));
    }

    /** Writes the fields in V1 (long names) or V2 (a..n) form; for clients and tests. */
    public RemotingCommand writeTo(RemotingCommand request, boolean v2) {
        Names n = new Names(v2);
        return request.putField(n.of(0), producerGroup)
                .putField(n.of(1), topic)
                .putField(n.of(2), defaultTopic)
                .putField(n.of(3), defaultTopicQueueNums)
                .putField(n.of(4), queueId)
                .putField(n.of(5), sysFlag)
                .putField(n.of(6), bornTimestamp)
                .putField(n.of(7), flag)
                .putField(n.of(8), properties)
                .putField(n.of(9), reconsumeTimes)
                .putField(n.of(10), unitMode)
                .putField(n.of(11), maxReconsumeTimes)
                .putField(n.of(12), batch)
                .putField(n.of(13), brokerName);
    }

    private record Names(boolean v2) {
        String of(int index) {
            return NAMES[index][v2 ? 1 : 0];
        }
    }
}
