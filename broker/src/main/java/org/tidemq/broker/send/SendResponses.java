package org.tidemq.broker.send;

import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.PutMessageStatus;

/**
 * Builds send responses the way a RocketMQ broker does: every response (even an error) carries {@code MSG_REGION} and
 * {@code TRACE_ON}; store statuses map to response codes per facts §4.1.
 */
final class SendResponses {
    static final String MSG_REGION = "MSG_REGION";
    static final String DEFAULT_REGION = "DefaultRegion";
    static final String TRACE_ON = "TRACE_ON";
    static final String PAGE_CACHE_BUSY_REMARK = "[PC_SYNCHRONIZED]broker busy, start flow control for a while";
    static final String QUEUE_TIMEOUT_REMARK_FORMAT =
            "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in queue: %sms, "
                    + "size of queue: %d";

    private SendResponses() {
    }

    static RemotingCommand response(RemotingCommand request, int code, String remark) {
        RemotingCommand response = RemotingCommand.responseTo(request, code, remark);
        response.putField(MSG_REGION, DEFAULT_REGION);
        response.putField(TRACE_ON, "true");
        return response;
    }

    /** The response code for a store outcome (append or durability). */
    static int codeOf(PutMessageStatus status) {
        return switch (status) {
            case PUT_OK -> ResponseCode.SUCCESS;
            case FLUSH_DISK_TIMEOUT -> ResponseCode.FLUSH_DISK_TIMEOUT;
            case FLUSH_SLAVE_TIMEOUT -> ResponseCode.FLUSH_SLAVE_TIMEOUT;
            case SLAVE_NOT_AVAILABLE -> ResponseCode.SLAVE_NOT_AVAILABLE;
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> ResponseCode.MESSAGE_ILLEGAL;
            case SERVICE_NOT_AVAILABLE -> ResponseCode.SERVICE_NOT_AVAILABLE;
            case OS_PAGECACHE_BUSY, UNKNOWN_ERROR -> ResponseCode.SYSTEM_ERROR;
        };
    }

    /** The remark for a store outcome: the store's reason where it gave one. */
    static String remarkOf(PutMessageStatus status, String reason) {
        return switch (status) {
            case PUT_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE -> null;
            case OS_PAGECACHE_BUSY -> PAGE_CACHE_BUSY_REMARK + (reason == null ? "" : ": " + reason);
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED, SERVICE_NOT_AVAILABLE, UNKNOWN_ERROR ->
                    reason == null ? status.name() : reason;
        };
    }
}
