package org.tidemq.broker.ha.identity;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Names a slave that cannot announce itself (a RocketMQ slave) from what the name servers know: among the slaves
 * registered under this master's {@code brokerName}, the one whose address has the HA connection's IP and whose id is
 * not already claimed by another connection. No candidate, or several (slaves sharing a host), leaves the connection
 * unidentified: a guess would be worse than no label. Pure function.
 */
final class RegisteredSlaveMatch {
    private RegisteredSlaveMatch() {
    }

    /**
     * @param connectionHost   the HA connection's remote IP
     * @param registeredBrokers brokerId → {@code ip:port} of this broker name's members as the name servers list them
     * @param claimedIds       ids already labelling other connections
     * @return the slave's brokerId, or empty when none or several match
     */
    static OptionalLong of(String connectionHost, Map<Long, String> registeredBrokers, Set<Long> claimedIds) {
        long found = -1;
        for (Map.Entry<Long, String> member : registeredBrokers.entrySet()) {
            long id = member.getKey();
            if (id <= 0 || claimedIds.contains(id) || !connectionHost.equals(hostOf(member.getValue()))) {
                continue;
            }
            if (found >= 0) {
                return OptionalLong.empty();
            }
            found = id;
        }
        return found >= 0 ? OptionalLong.of(found) : OptionalLong.empty();
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
