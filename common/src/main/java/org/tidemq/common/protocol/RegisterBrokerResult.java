package org.tidemq.common.protocol;

/**
 * What REGISTER_BROKER tells a broker back (as response header fields): for a slave whose master is live, the
 * master's address and HA address; otherwise both null.
 */
public record RegisterBrokerResult(String haServerAddr, String masterAddr) {
    public static final RegisterBrokerResult NONE = new RegisterBrokerResult(null, null);
}
