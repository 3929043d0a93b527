package org.tidemq.client.impl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * A client's identity towards brokers (HeartbeatData {@code clientID}): {@code clientIP@instanceName}, with the
 * instance name {@code PID#nanoTime} as the Java client defaults it (facts §4.6), so two clients in one process
 * differ.
 */
public final class ClientId {
    private ClientId() {
    }

    public static String create() {
        return localIp() + "@" + ProcessHandle.current().pid() + "#" + System.nanoTime();
    }

    /** A non-loopback IPv4 address of this host, preferring a public one; loopback when there is none. */
    public static String localIp() {
        String privateAddress = null;
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (!(address instanceof Inet4Address) || address.isLoopbackAddress()
                            || address.isLinkLocalAddress()) {
                        continue;
                    }
                    if (!address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                    if (privateAddress == null) {
                        privateAddress = address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: loopback still identifies the client uniquely together with the instance name.
        }
        return privateAddress != null ? privateAddress : InetAddress.getLoopbackAddress().getHostAddress();
    }
}
