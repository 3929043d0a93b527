package org.tidemq.broker.ha.identity;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.master.SlaveConnection;
import org.tidemq.broker.ha.status.HaRuntimeInfo.SlaveIdentityView;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * The master's side of the identity handshake ({@link SlaveAnnouncement#REQUEST_CODE}): finds the HA connection
 * from the announcing host and announced port, and identifies it (so the master starts streaming to it and counting
 * its acknowledgements) when the slave's {@code brokerName} is this master's, or logs an ERROR, closes it and answers
 * NO_PERMISSION when it is not. An announcement naming no open connection is answered SYSTEM_ERROR, which the slave
 * retries. Thread-safe.
 */
public final class SlaveAnnouncementProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveAnnouncementProcessor.class);
    static final String SOURCE_ANNOUNCED = "announced";

    private final String ownBrokerName;
    private final Supplier<HaMasterServer> server;

    /** @param server this master's HA server (null before replication started) */
    public SlaveAnnouncementProcessor(String ownBrokerName, Supplier<HaMasterServer> server) {
        this.ownBrokerName = ownBrokerName;
        this.server = server;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        SlaveAnnouncement announcement;
        try {
            announcement = SlaveAnnouncement.fromRequest(request);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        HaMasterServer ha = server.get();
        String host = context.remoteAddress() instanceof InetSocketAddress remote
                ? remote.getAddress().getHostAddress() : null;
        Optional<SlaveConnection> connection = ha == null || host == null ? Optional.empty()
                : ha.connectionFrom(host, announcement.haLocalPort());
        String from = host + ":" + announcement.haLocalPort();
        return switch (AnnouncementCheck.of(ownBrokerName, announcement, connection.isPresent())) {
            case NO_SUCH_CONNECTION -> RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "no HA connection from " + from + " on this master");
            case FOREIGN_BROKER_NAME -> {
                LOG.error("HA connection from {} refused: the slave announces brokerName '{}' (brokerId {}), this"
                                + " master is '{}'; closing it", from, announcement.brokerName(),
                        announcement.brokerId(), ownBrokerName);
                connection.get().refuse();
                yield RemotingCommand.responseTo(request, ResponseCode.NO_PERMISSION, "this master is brokerName '"
                        + ownBrokerName + "', not '" + announcement.brokerName() + "': HA connection closed");
            }
            case ACCEPTED -> {
                connection.get().identify(new SlaveIdentityView(announcement.brokerName(), announcement.brokerId(),
                        SOURCE_ANNOUNCED));
                LOG.info("HA connection from {} is slave {}/{}", from, announcement.brokerName(),
                        announcement.brokerId());
                yield RemotingCommand.successTo(request);
            }
        };
    }
}
