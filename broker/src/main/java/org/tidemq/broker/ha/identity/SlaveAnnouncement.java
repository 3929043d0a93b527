package org.tidemq.broker.ha.identity;

import org.tidemq.common.remoting.RemotingCommand;

/**
 * A TideMQ slave's announcement to its master: "the HA connection from my port {@code haLocalPort} is broker
 * {@code brokerName}, id {@code brokerId}". Sent as a TideMQ-only request ({@link #REQUEST_CODE}, outside RocketMQ's
 * code ranges, so a RocketMQ master answers REQUEST_CODE_NOT_SUPPORTED) with the three values as header fields.
 *
 * @param brokerName  the slave's {@code brokerName}
 * @param brokerId    the slave's {@code brokerId} (&gt; 0)
 * @param haLocalPort the local TCP port of the slave's HA connection
 */
public record SlaveAnnouncement(String brokerName, long brokerId, int haLocalPort) {
    /** TideMQ's private request code range starts at 60000; RocketMQ 5.2.0 uses 1..2004 and 200050..200151. */
    public static final int REQUEST_CODE = 60_907;
    static final String BROKER_NAME = "brokerName";
    static final String BROKER_ID = "brokerId";
    static final String HA_LOCAL_PORT = "haLocalPort";

    public SlaveAnnouncement {
        if (brokerName == null || brokerName.isBlank()) {
            throw new IllegalArgumentException("slave announcement without brokerName");
        }
        if (brokerId <= 0) {
            throw new IllegalArgumentException("slave announcement with brokerId " + brokerId
                    + ": a slave's brokerId must be > 0");
        }
        if (haLocalPort <= 0 || haLocalPort > 65535) {
            throw new IllegalArgumentException("slave announcement with haLocalPort " + haLocalPort
                    + ": must be in 1..65535");
        }
    }

    public RemotingCommand toRequest() {
        return RemotingCommand.request(REQUEST_CODE).putField(BROKER_NAME, brokerName).putField(BROKER_ID, brokerId)
                .putField(HA_LOCAL_PORT, haLocalPort);
    }

    /**
     * Reads a request's header.
     *
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static SlaveAnnouncement fromRequest(RemotingCommand request) {
        Long brokerId = request.longField(BROKER_ID);
        Integer port = request.intField(HA_LOCAL_PORT);
        if (brokerId == null) {
            throw new IllegalArgumentException("slave announcement without a numeric " + BROKER_ID);
        }
        if (port == null) {
            throw new IllegalArgumentException("slave announcement without a numeric " + HA_LOCAL_PORT);
        }
        return new SlaveAnnouncement(request.field(BROKER_NAME), brokerId, port);
    }
}
