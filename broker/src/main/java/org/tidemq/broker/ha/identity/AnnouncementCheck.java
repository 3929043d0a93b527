package org.tidemq.broker.ha.identity;

/**
 * The master's verdict on one announcement, decided without I/O so the rules are testable on their own.
 */
public enum AnnouncementCheck {
    /** The slave belongs to this broker group: label its HA connection. */
    ACCEPTED,
    /** The slave announces another brokerName: close its HA connection. */
    FOREIGN_BROKER_NAME,
    /** No HA connection from the announced address and port (yet): the slave retries. */
    NO_SUCH_CONNECTION;

    /**
     * @param ownBrokerName    this master's {@code brokerName}
     * @param connectionFound  an HA connection from the announcing host and port is open
     */
    public static AnnouncementCheck of(String ownBrokerName, SlaveAnnouncement announcement,
                                       boolean connectionFound) {
        if (!connectionFound) {
            return NO_SUCH_CONNECTION;
        }
        return ownBrokerName.equals(announcement.brokerName()) ? ACCEPTED : FOREIGN_BROKER_NAME;
    }
}
