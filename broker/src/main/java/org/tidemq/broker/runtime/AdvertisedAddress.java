package org.tidemq.broker.runtime;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The address this broker advertises ({@code brokerIP1:listenPort}) — registered with name servers and written as the
 * store host of every message, so offset message ids point back at this broker. Known only once the listening port
 * is bound (a configured port of 0 binds an ephemeral one), hence set once after binding.
 *
 * <p>Thread-safety: {@link #bind} happens-before every read through the volatile field.
 */
public final class AdvertisedAddress {
    private final String host;
    private volatile InetSocketAddress address;

    public AdvertisedAddress(String host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Fixes the port; called once the server is listening. */
    public void bind(int port) {
        if (address != null) {
            throw new IllegalStateException("advertised address already bound to " + text());
        }
        address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("brokerIP1 '" + host + "' cannot be resolved to an address");
        }
    }

    /** The store host written into messages; fails before {@link #bind}. */
    public InetSocketAddress storeHost() {
        InetSocketAddress current = address;
        if (current == null) {
            throw new IllegalStateException("broker address not bound yet");
        }
        return current;
    }

    public String host() {
        return host;
    }

    public int port() {
        return storeHost().getPort();
    }

    /** {@code brokerIP1:port}. */
    public String text() {
        return host + ":" + port();
    }
}
