package org.tidemq.namesrv.route;

/**
 * The configurable parts of {@link RouteRegistry}'s behaviour.
 *
 * @param brokerExpiryMs                    how long a broker may stay silent when it did not register its own timeout
 * @param deleteTopicWithBrokerRegistration a master's registration drops its topics missing from the body
 */
public record RegistryPolicy(long brokerExpiryMs, boolean deleteTopicWithBrokerRegistration) {
    public static final RegistryPolicy DEFAULT = new RegistryPolicy(120_000, false);
}
