/**
 * The remoting transport on Netty: {@link org.tidemq.common.remoting.netty.NettyRemotingServer} and
 * {@link org.tidemq.common.remoting.netty.NettyRemotingClient} with their validated config records. Inside: the
 * per-connection pipeline ({@code RemotingEndpoint}), opaque correlation and timeouts ({@code InFlightRequests}),
 * processor routing with per-code executors ({@code RequestDispatcher}), connection lifecycle and listener delivery.
 */
package org.tidemq.common.remoting.netty;
