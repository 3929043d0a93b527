package org.tidemq.broker.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;
import org.tidemq.store.index.IndexQueryResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * QUERY_MESSAGE (12): messages of a topic indexed under a key (a KEYS token, or the UNIQ_KEY when the request carries
 * {@value #UNIQUE_KEY_QUERY_FLAG}{@code =true}, as {@code queryMsgByUniqueKey} sends it) and stored within
 * [beginTimestamp, endTimestamp]. Header: topic, key, maxNum, beginTimestamp, endTimestamp. Answer: headers
 * {@code indexLastUpdateTimestamp} and {@code indexLastUpdatePhyoffset}, body = the stored records back to back,
 * newest first, as views of the CommitLog; QUERY_NOT_FOUND (22) when nothing matches.
 *
 * <p>A unique-key query returns at most {@value #DEFAULT_QUERY_MAX_NUM} messages whatever maxNum says (RocketMQ's
 * {@code defaultQueryMaxNum}). Index candidates whose topic or key differ (hash collisions) are dropped here, so the
 * client receives only real matches. Thread-safe.
 */
public final class QueryMessageProcessor implements RequestProcessor.Sync {
    /** extField the Java client sets for {@code queryMessageByUniqKey} ({@code MixAll.UNIQUE_MSG_QUERY_FLAG}). */
    public static final String UNIQUE_KEY_QUERY_FLAG = "_UNIQUE_KEY_QUERY";
    /** RocketMQ's {@code defaultQueryMaxNum}. */
    public static final int DEFAULT_QUERY_MAX_NUM = 32;
    static final String INDEX_LAST_UPDATE_TIMESTAMP = "indexLastUpdateTimestamp";
    static final String INDEX_LAST_UPDATE_PHYOFFSET = "indexLastUpdatePhyoffset";
    static final String NOT_FOUND_REMARK = "can not find message, maybe time range not correct";
    /** Separator of KEYS tokens ({@code MessageConst.KEY_SEPARATOR}). */
    private static final String KEY_SEPARATOR = " ";

    private final MessageStore store;

    public QueryMessageProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        String topic;
        String key;
        int maxNum;
        long begin;
        long end;
        try {
            topic = HeaderFields.required(request, "topic");
            key = HeaderFields.required(request, "key");
            maxNum = (int) HeaderFields.requiredLong(request, "maxNum");
            begin = HeaderFields.requiredLong(request, "beginTimestamp");
            end = HeaderFields.requiredLong(request, "endTimestamp");
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        if ("true".equals(request.field(UNIQUE_KEY_QUERY_FLAG))) {
            maxNum = DEFAULT_QUERY_MAX_NUM;
        }
        IndexQueryResult candidates = store.queryMessageOffsets(topic, key, maxNum, begin, end);
        List<MappedBufferSlice> found = matchingRecords(candidates, topic, key);
        RemotingCommand response;
        if (found.isEmpty()) {
            response = RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND, NOT_FOUND_REMARK);
        } else {
            response = RemotingCommand.successTo(request).setBody(StoredRecordsBody.of(found));
        }
        return response.putField(INDEX_LAST_UPDATE_TIMESTAMP, candidates.indexLastUpdateTimestamp())
                .putField(INDEX_LAST_UPDATE_PHYOFFSET, candidates.indexLastUpdatePhyOffset());
    }

    /** The candidates' records that really carry the key (views the caller must release). */
    private List<MappedBufferSlice> matchingRecords(IndexQueryResult candidates, String topic, String key) {
        List<MappedBufferSlice> found = new ArrayList<>();
        try {
            for (long offset : candidates.phyOffsets()) {
                MappedBufferSlice record = store.selectOneMessageByOffset(offset);
                if (record == null) {
                    continue;
                }
                boolean keep = false;
                try {
                    keep = matches(record, topic, key);
                } finally {
                    if (keep) {
                        found.add(record);
                    } else {
                        record.release();
                    }
                }
            }
        } catch (RuntimeException e) {
            found.forEach(MappedBufferSlice::release);
            throw e;
        }
        return found;
    }

    /** Whether the record belongs to {@code topic} and carries {@code key} as a KEYS token or as its UNIQ_KEY. */
    static boolean matches(MappedBufferSlice record, String topic, String key) {
        StoredMessage message = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
        if (message == null || !topic.equals(message.topic())) {
            return false;
        }
        Map<String, String> properties = MessageProperties.decode(message.properties());
        if (key.equals(properties.get(MessageProperties.UNIQ_KEY))) {
            return true;
        }
        String keys = properties.get(MessageProperties.KEYS);
        if (keys == null) {
            return false;
        }
        for (String token : keys.split(KEY_SEPARATOR)) {
            if (token.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
