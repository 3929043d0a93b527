package org.tidemq.broker.ha.identity;

/**
 * Where a TideMQ slave sends its announcement: its master's client (remoting) address. The name servers' registration
 * answer names it; a slave that only has {@code haMasterAddress} (no name server answered) derives it from RocketMQ's
 * port convention {@code haListenPort = listenPort + 1}, which every shipped configuration follows. A master with
 * another HA port is not reached that way: its slave stays unidentified. Pure functions.
 */
public final class MasterRemotingAddress {
    private MasterRemotingAddress() {
    }

    /**
     * @param learntFromNamesrv the master address from the name servers, or null
     * @param haMasterAddress   the slave's {@code haMasterAddress} ({@code host:port}), or null
     * @return {@code learntFromNamesrv} if known, else {@code host:(port - 1)} of {@code haMasterAddress}, else null
     */
    public static String of(String learntFromNamesrv, String haMasterAddress) {
        if (learntFromNamesrv != null) {
            return learntFromNamesrv;
        }
        return haMasterAddress == null ? null : derivedFromHaAddress(haMasterAddress);
    }

    /** {@code host:(port - 1)}; null when the address has no usable port. */
    static String derivedFromHaAddress(String haAddress) {
        int colon = haAddress.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        int haPort;
        try {
            haPort = Integer.parseInt(haAddress.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return haPort > 1 && haPort <= 65535 ? haAddress.substring(0, colon) + ":" + (haPort - 1) : null;
    }
}
