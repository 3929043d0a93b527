package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.ChannelEventListener;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.codec.RemotingFrameDecoder;
import org.tidemq.common.remoting.testing.LogCapture;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemotingConnectionTest {
    private static final int ECHO = 9001;
    private static final long TIMEOUT_MILLIS = 5000;
    private static final int SERVER_MAX_FRAME = 64 * 1024;

    private Loopback loopback;

    @AfterEach
    void close() {
        if (loopback != null) {
            loopback.close();
        }
    }

    /** Records listener events as "event address thread" lines. */
    private static final class RecordingListener implements ChannelEventListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        private void record(String event, String address) {
            threads.add(Thread.currentThread().getName());
            events.add(event + " " + address);
        }

        @Override
        public void onConnect(String remoteAddress, Channel channel) {
            record("connect", remoteAddress);
        }

        @Override
        public void onClose(String remoteAddress, Channel channel) {
            record("close", remoteAddress);
        }

        @Override
        public void onIdle(String remoteAddress, Channel channel) {
            record("idle", remoteAddress);
        }

        String next() throws InterruptedException {
            String event = events.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no channel event within " + TIMEOUT_MILLIS + " ms");
            }
            return event;
        }
    }

    private void startEchoServer(NettyServerConfig config) {
        loopback = new Loopback(config);
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(2));
        loopback.start();
    }

    private static RemotingCommand echoRequest(String value, int bodyBytes) {
        return RemotingCommand.request(ECHO).putField("value", value).setBody(new byte[bodyBytes]);
    }

    @Test
    void oversizedFrameClosesOnlyThatConnectionWithOneWarnLine() throws Exception {
        startEchoServer(NettyServerConfig.defaults().withWorkerThreads(1).withMaxFrameBytes(SERVER_MAX_FRAME));
        RecordingListener serverEvents = new RecordingListener();
        loopback.server.registerChannelListener(serverEvents);
        NettyRemotingClient offender = loopback.startedClient();
        NettyRemotingClient bystander = loopback.startedClient();
        assertEquals("ok", bystander.invokeSync(loopback.address(), echoRequest("ok", 10), TIMEOUT_MILLIS)
                .field("echo"));
        assertEquals("near", offender.invokeSync(loopback.address(), echoRequest("near", SERVER_MAX_FRAME - 512),
                TIMEOUT_MILLIS).field("echo"), "control: a frame just under the limit is served");

        try (LogCapture log = new LogCapture(RemotingFrameDecoder.class)) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> offender.invokeAsync(
                    loopback.address(), echoRequest("big", SERVER_MAX_FRAME), TIMEOUT_MILLIS)
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            // Usually "closed before the response arrived"; a send failure if the close beat the last write.
            assertTrue(failure.getCause() instanceof RemotingException, failure.getCause().toString());
            assertTrue(failure.getCause().getMessage().contains(loopback.address()), failure.getCause().getMessage());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).matches("Closing connection to 127\\.0\\.0\\.1:\\d+: frame of \\d+ bytes "
                    + "exceeds the limit of 65536 bytes"), warnings.get(0));
        }
        assertEquals("still", bystander.invokeSync(loopback.address(), echoRequest("still", 10), TIMEOUT_MILLIS)
                .field("echo"), "other connections keep being served");
        assertEquals("again", offender.invokeSync(loopback.address(), echoRequest("again", 10), TIMEOUT_MILLIS)
                .field("echo"), "the offender reconnects on its next call");
    }

    @Test
    void responseTooLargeToFrameIsAnsweredWithSystemError() throws Exception {
        loopback = new Loopback(NettyServerConfig.defaults().withWorkerThreads(1).withMaxFrameBytes(SERVER_MAX_FRAME));
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) ->
                RemotingCommand.successTo(request).setBody(new byte[request.intField("size")]), loopback.executor(1));
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();

        RemotingCommand tooLarge = client.invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("size", SERVER_MAX_FRAME), TIMEOUT_MILLIS);
        assertEquals(ResponseCode.SYSTEM_ERROR, tooLarge.code());
        assertTrue(tooLarge.remark().startsWith("response cannot be sent: frame of "), tooLarge.remark());
        assertTrue(tooLarge.remark().endsWith("exceeds the limit of 65536 bytes"), tooLarge.remark());

        RemotingCommand fits = client.invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("size", SERVER_MAX_FRAME - 512), TIMEOUT_MILLIS);
        assertEquals(ResponseCode.SUCCESS, fits.code(), "control");
        assertEquals(SERVER_MAX_FRAME - 512, fits.bodyLength());
    }

    @Test
    void idleConnectionsAreClosedAndTheClientReconnects() throws Exception {
        startEchoServer(NettyServerConfig.defaults().withWorkerThreads(1).withIdleSeconds(1));
        RecordingListener serverEvents = new RecordingListener();
        loopback.server.registerChannelListener(serverEvents);
        NettyRemotingClient client = loopback.client(Loopback.clientConfig().withIdleSeconds(0));
        RecordingListener clientEvents = new RecordingListener();
        client.registerChannelListener(clientEvents);
        client.start();

        client.invokeSync(loopback.address(), echoRequest("first", 0), TIMEOUT_MILLIS);
        String connected = serverEvents.next();
        assertTrue(connected.startsWith("connect 127.0.0.1:"), connected);
        String clientAddress = connected.substring("connect ".length());
        assertEquals("idle " + clientAddress, serverEvents.next());
        assertEquals("close " + clientAddress, serverEvents.next());
        assertEquals("connect " + loopback.address(), clientEvents.next());
        assertEquals("close " + loopback.address(), clientEvents.next());

        assertEquals("second", client.invokeSync(loopback.address(), echoRequest("second", 0), TIMEOUT_MILLIS)
                .field("echo"));
        assertTrue(serverEvents.next().startsWith("connect 127.0.0.1:"), "a new connection");
        assertTrue(serverEvents.threads.stream().noneMatch(name -> name.startsWith("tidemq-server-io")),
                "listeners run off the I/O threads: " + serverEvents.threads);
    }

    @Test
    void closeChannelDropsTheConnectionAndTheNextCallReconnects() throws Exception {
        startEchoServer(NettyServerConfig.defaults().withWorkerThreads(1));
        RecordingListener serverEvents = new RecordingListener();
        loopback.server.registerChannelListener(serverEvents);
        NettyRemotingClient client = loopback.startedClient();

        client.invokeSync(loopback.address(), echoRequest("one", 0), TIMEOUT_MILLIS);
        client.invokeSync(loopback.address(), echoRequest("two", 0), TIMEOUT_MILLIS);
        String firstConnection = serverEvents.next();
        assertTrue(serverEvents.events.isEmpty(), "one connection serves every call to an address");

        client.closeChannel(loopback.address());
        assertEquals(firstConnection.replace("connect", "close"), serverEvents.next());
        assertEquals(ResponseCode.SUCCESS,
                client.invokeSync(loopback.address(), echoRequest("three", 0), TIMEOUT_MILLIS).code());
        String secondConnection = serverEvents.next();
        assertTrue(secondConnection.startsWith("connect 127.0.0.1:"), secondConnection);
        assertFalse(secondConnection.equals(firstConnection), "a new local port");
    }

    @Test
    void serverShutdownFailsWaitingCallsAndClosesClients() throws Exception {
        loopback = new Loopback();
        CountDownLatch received = new CountDownLatch(1);
        loopback.server.registerProcessor(ECHO, (ctx, request) -> {
            received.countDown();
            return new CompletableFuture<>();
        }, loopback.executor(1));
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();
        CompletableFuture<RemotingCommand> pending =
                client.invokeAsync(loopback.address(), RemotingCommand.request(ECHO), 30_000);
        assertTrue(received.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        loopback.server.shutdown();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> pending.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause().getMessage().contains("closed before the response arrived"),
                failure.getCause().getMessage());
    }
}
