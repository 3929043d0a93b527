package org.tidemq.common.protocol.header;

/** REGISTER_BROKER response fields: set only for a slave whose master is live. */
public final class RegisterBrokerResponseHeader {
    public static final String HA_SERVER_ADDR = "haServerAddr";
    public static final String MASTER_ADDR = "masterAddr";

    private RegisterBrokerResponseHeader() {
    }
}
