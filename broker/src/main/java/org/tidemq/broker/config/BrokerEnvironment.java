package org.tidemq.broker.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the broker's defaults depend on outside the properties file. Injected so tests never read or change the real
 * environment.
 *
 * @param systemProperty      looks up a JVM system property ({@code rocketmq.namesrv.addr}); null when unset
 * @param environmentVariable looks up an environment variable ({@code NAMESRV_ADDR}); null when unset
 * @param localHostName       default {@code brokerName}
 * @param localAddress        default {@code brokerIP1}
 * @param availableProcessors sizes the default thread pools
 * @param userHome            the store root defaults to {@code userHome/store}
 */
public record BrokerEnvironment(UnaryOperator<String> systemProperty, UnaryOperator<String> environmentVariable,
                                Supplier<String> localHostName, Supplier<String> localAddress,
                                int availableProcessors, Path userHome) {

    public BrokerEnvironment {
        Objects.requireNonNull(systemProperty, "systemProperty");
        Objects.requireNonNull(environmentVariable, "environmentVariable");
        Objects.requireNonNull(localHostName, "localHostName");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(userHome, "userHome");
        if (availableProcessors < 1) {
            throw new IllegalArgumentException("availableProcessors must be >= 1, got " + availableProcessors);
        }
    }

    /** The running JVM's environment. */
    public static BrokerEnvironment system() {
        return new BrokerEnvironment(System::getProperty, System::getenv, BrokerEnvironment::hostName,
                BrokerEnvironment::firstNonLoopbackAddress, Runtime.getRuntime().availableProcessors(),
                Path.of(System.getProperty("user.home")));
    }

    /** RocketMQ falls back to this name when the host name cannot be resolved. */
    static final String FALLBACK_BROKER_NAME = "DEFAULT_BROKER";

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return FALLBACK_BROKER_NAME;
        }
    }

    /**
     * The first non-loopback, non-link-local IPv4 address of an up interface, preferring public over private
     * (192.168.x) addresses as RocketMQ's {@code getLocalAddress} does; 127.0.0.1 when there is none.
     */
    static String firstNonLoopbackAddress() {
        String privateCandidate = null;
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!(address instanceof Inet4Address) || address.isLoopbackAddress()
                            || address.isLinkLocalAddress()) {
                        continue;
                    }
                    String text = address.getHostAddress();
                    if (!text.startsWith("192.168")) {
                        return text;
                    }
                    if (privateCandidate == null) {
                        privateCandidate = text;
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return privateCandidate != null ? privateCandidate : "127.0.0.1";
    }
}
