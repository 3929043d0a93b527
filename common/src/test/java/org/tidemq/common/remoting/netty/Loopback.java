package org.tidemq.common.remoting.netty;

import org.tidemq.common.remoting.RemotingCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A server on 127.0.0.1 (ephemeral port) and clients for it; closes everything it made. */
final class Loopback implements AutoCloseable {
    final NettyRemotingServer server;
    private final List<NettyRemotingClient> clients = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    Loopback(NettyServerConfig config) {
        this.server = new NettyRemotingServer(config.withBindAddress("127.0.0.1").withListenPort(0));
    }

    Loopback() {
        this(NettyServerConfig.defaults().withWorkerThreads(2));
    }

    static NettyClientConfig clientConfig() {
        return NettyClientConfig.defaults().withWorkerThreads(1);
    }

    ExecutorService executor(int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        executors.add(executor);
        return executor;
    }

    ExecutorService track(ExecutorService executor) {
        executors.add(executor);
        return executor;
    }

    /** Starts the server (after processors were registered). */
    Loopback start() {
        server.start();
        return this;
    }

    NettyRemotingClient client() {
        return client(clientConfig());
    }

    NettyRemotingClient client(NettyClientConfig config) {
        NettyRemotingClient client = new NettyRemotingClient(config);
        clients.add(client);
        return client;
    }

    NettyRemotingClient startedClient() {
        NettyRemotingClient client = client();
        client.start();
        return client;
    }

    String address() {
        return "127.0.0.1:" + server.localPort();
    }

    static RemotingCommand echo(RemotingCommand request) {
        RemotingCommand response = RemotingCommand.successTo(request);
        response.putField("echo", request.field("value"));
        if (request.body() != null) {
            response.setBody(request.bodyBytes());
        }
        return response;
    }

    @Override
    public void close() {
        clients.forEach(NettyRemotingClient::shutdown);
        server.shutdown();
        executors.forEach(ExecutorService::shutdownNow);
    }
}
