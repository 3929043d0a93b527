package org.tidemq.broker.ha.status;

import java.util.function.Supplier;
import org.tidemq.broker.ha.ReplicationRole;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * GET_BROKER_HA_STATUS (907): the replication role's {@link HaRuntimeInfo}, as {@code mqadmin haStatus} reads it.
 * SYSTEM_ERROR while replication is not running (RocketMQ answers the same when it has no HA service). Thread-safe.
 */
public final class HaStatusProcessor implements RequestProcessor.Sync {
    private final Supplier<ReplicationRole> role;

    /** @param role the broker's current replication role, or null while not started */
    public HaStatusProcessor(Supplier<ReplicationRole> role) {
        this.role = role;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        ReplicationRole current = role.get();
        if (current == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "Can not get HARuntimeInfo: replication is not running");
        }
        return RemotingCommand.successTo(request).setBody(current.runtimeInfo().encode());
    }
}
