package org.tidemq.broker.config;

/**
 * How the broker registers with name servers.
 *
 * @param registerNameServerPeriodMs  re-registration period, 10 000..60 000 ms (the mapper clamps, as RocketMQ does)
 * @param forceRegister               send the full topic table every period even if its DataVersion is unchanged
 * @param registerBrokerTimeoutMills  timeout of one REGISTER_BROKER call
 */
public record NamesrvRegistrationConfig(int registerNameServerPeriodMs, boolean forceRegister,
                                        int registerBrokerTimeoutMills) {

    public static final int MIN_REGISTER_PERIOD_MS = 10_000;
    public static final int MAX_REGISTER_PERIOD_MS = 60_000;

    public NamesrvRegistrationConfig {
        Checks.range("registerNameServerPeriod", registerNameServerPeriodMs, MIN_REGISTER_PERIOD_MS,
                MAX_REGISTER_PERIOD_MS);
        Checks.positive("registerBrokerTimeoutMills", registerBrokerTimeoutMills);
    }

    public static NamesrvRegistrationConfig defaults() {
        return new NamesrvRegistrationConfig(30_000, true, 24_000);
    }
}
