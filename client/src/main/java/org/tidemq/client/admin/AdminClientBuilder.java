package org.tidemq.client.admin;

import org.tidemq.client.route.NameServerAddresses;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.time.Duration;

/** Configures an {@link AdminClient}; name servers default as for producers. Not thread-safe. */
public final class AdminClientBuilder {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private String namesrvAddr;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private RemotingClient remotingClient;

    AdminClientBuilder() {
    }

    /** Name servers as {@code host:port;host:port}. */
    public AdminClientBuilder namesrvAddr(String value) {
        this.namesrvAddr = value;
        return this;
    }

    public AdminClientBuilder requestTimeout(Duration value) {
        this.requestTimeout = value;
        return this;
    }

    /** Uses this started transport (left running on close) instead of creating a Netty client. */
    public AdminClientBuilder remotingClient(RemotingClient value) {
        this.remotingClient = value;
        return this;
    }

    /** Creates a ready-to-use client. */
    public AdminClient build() {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive but was " + requestTimeout);
        }
        var addresses = NameServerAddresses.resolve(namesrvAddr);
        boolean owns = remotingClient == null;
        RemotingClient remoting = owns ? new NettyRemotingClient(NettyClientConfig.defaults()) : remotingClient;
        if (owns) {
            remoting.start();
        }
        return new DefaultAdminClient(remoting, owns, addresses, requestTimeout.toMillis());
    }
}
