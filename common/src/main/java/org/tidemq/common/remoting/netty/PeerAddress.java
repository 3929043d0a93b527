package org.tidemq.common.remoting.netty;

/**
 * A {@code host:port} address as RocketMQ writes them ({@code 127.0.0.1:10911}, {@code [::1]:9876}).
 *
 * @param host host name or IP literal, without brackets
 * @param port TCP port, 1..65535
 */
record PeerAddress(String host, int port) {

    /** @throws IllegalArgumentException naming the address when it is not {@code host:port} */
    static PeerAddress parse(String address) {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port");
        }
        if (port < 1 || port > NettyServerConfig.MAX_PORT) {
            throw new IllegalArgumentException(
                    "address '" + address + "' has port out of range 1.." + NettyServerConfig.MAX_PORT);
        }
        return new PeerAddress(host, port);
    }
}
