package org.tidemq.common.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.testing.TestFrames;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RemotingRoundTripTest {
    private static final int ECHO = 9001;
    private static final long TIMEOUT_MILLIS = 5000;

    private Loopback loopback;

    @AfterEach
    void close() {
        if (loopback != null) {
            loopback.close();
        }
    }

    @ParameterizedTest(name = "useEpoll={0}")
    @ValueSource(booleans = {true, false})
    void syncCallCarriesFieldsAndBodyOnEitherTransport(boolean useEpoll) throws Exception {
        loopback = new Loopback(NettyServerConfig.defaults().withWorkerThreads(1).withUseEpoll(useEpoll));
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(1));
        loopback.start();
        assertEquals(useEpoll && Epoll.isAvailable() ? "EPOLL" : "NIO", loopback.server.transportName());
        NettyRemotingClient client = loopback.client(Loopback.clientConfig().withUseEpoll(useEpoll));
        client.start();

        RemotingCommand request = RemotingCommand.request(ECHO).putField("value", "v1").setBody("payload ✓");
        RemotingCommand response = client.invokeSync(loopback.address(), request, TIMEOUT_MILLIS);

        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals(request.opaque(), response.opaque());
        assertEquals("v1", response.field("echo"));
        assertEquals("payload ✓", response.bodyText());
        assertEquals(SerializeType.JSON, response.serializeType());
        response.releaseBody();
    }

    @Test
    void manyConcurrentAsyncCallsAreMatchedByOpaque() {
        loopback = new Loopback();
        // Four threads answer out of order; each response must still reach its own future.
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(4));
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();

        int calls = 2000;
        List<CompletableFuture<RemotingCommand>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            RemotingCommand request = RemotingCommand.request(ECHO).putField("value", i)
                    .setBody(("body-" + i).getBytes(StandardCharsets.UTF_8));
            futures.add(client.invokeAsync(loopback.address(), request, TIMEOUT_MILLIS));
        }
        for (int i = 0; i < calls; i++) {
            RemotingCommand response = futures.get(i).join();
            assertEquals(Integer.toString(i), response.field("echo"));
            assertEquals("body-" + i, response.bodyText());
            response.releaseBody();
        }
    }

    @Test
    void binaryRequestIsAnsweredInBinary() throws Exception {
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(1));
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();

        RemotingCommand binary = RemotingCommand.request(ECHO).putField("value", "b")
                .setSerializeType(SerializeType.ROCKETMQ);
        RemotingCommand response = client.invokeSync(loopback.address(), binary, TIMEOUT_MILLIS);
        assertEquals(SerializeType.ROCKETMQ, response.serializeType(), "serialization of the received frame");
        assertEquals("b", response.field("echo"));

        RemotingCommand json = client.invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "j"), TIMEOUT_MILLIS);
        assertEquals(SerializeType.JSON, json.serializeType(), "control: JSON request, JSON response");
    }

    @Test
    void onewayRequestReachesTheProcessorAndIsNeverAnswered() throws Exception {
        loopback = new Loopback();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        // One thread: the oneway request is processed (and any answer written) before the next request's answer.
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> {
            seen.add(request.field("value"));
            return Loopback.echo(request);
        }, loopback.executor(1));
        loopback.start();

        try (Socket socket = new Socket("127.0.0.1", loopback.server.localPort())) {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            RemotingCommand oneway = RemotingCommand.onewayRequest(ECHO).putField("value", "oneway");
            RemotingCommand normal = RemotingCommand.request(ECHO).putField("value", "normal");
            out.write(TestFrames.encode(oneway, null));
            out.write(TestFrames.encode(normal, null));
            out.flush();
            RemotingCommand first = TestFrames.read(new DataInputStream(socket.getInputStream()));
            assertEquals(normal.opaque(), first.opaque(), "the first answer on the wire is the normal request's");
            assertEquals("normal", first.field("echo"));
        }
        assertEquals(List.of("oneway", "normal"), List.copyOf(seen));

        NettyRemotingClient client = loopback.startedClient();
        client.invokeOneway(loopback.address(), RemotingCommand.request(ECHO).putField("value", "via-client"),
                TIMEOUT_MILLIS).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("via-client"));
    }

    @Test
    void serverSendsRequestsToTheClientOverTheSameConnection() throws Exception {
        loopback = new Loopback();
        AtomicReference<Channel> clientChannel = new AtomicReference<>();
        loopback.server.registerProcessor(RequestCode.HEART_BEAT, (RequestProcessor.Sync) (ctx, request) -> {
            clientChannel.set(ctx.channel());
            return RemotingCommand.successTo(request);
        }, loopback.executor(1));
        loopback.start();

        NettyRemotingClient client = loopback.client();
        BlockingQueue<String> notified = new LinkedBlockingQueue<>();
        client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (RequestProcessor.Sync) (ctx, request) -> {
            notified.add(request.field("consumerGroup"));
            return null;
        }, loopback.executor(1));
        client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (RequestProcessor.Sync) (ctx, request) ->
                RemotingCommand.successTo(request).setBody("running:" + request.field("consumerGroup")),
                loopback.executor(1));
        client.start();
        client.invokeSync(loopback.address(), RemotingCommand.request(RequestCode.HEART_BEAT), TIMEOUT_MILLIS);
        assertNotNull(clientChannel.get());

        RemotingCommand answer = loopback.server.invokeAsync(clientChannel.get(),
                RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO).putField("consumerGroup", "g1"),
                TIMEOUT_MILLIS).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(ResponseCode.SUCCESS, answer.code());
        assertEquals("running:g1", answer.bodyText());
        answer.releaseBody();

        loopback.server.invokeOneway(clientChannel.get(),
                RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED).putField("consumerGroup", "g2"))
                .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals("g2", notified.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void requestBodyIsReleasedOnceTheProcessorsFutureCompletes() throws Exception {
        loopback = new Loopback();
        AtomicReference<ByteBuf> bodySeen = new AtomicReference<>();
        CompletableFuture<RemotingCommand> pending = new CompletableFuture<>();
        AtomicReference<RemotingCommand> requestSeen = new AtomicReference<>();
        loopback.server.registerProcessor(ECHO, (ctx, request) -> {
            bodySeen.set(request.body());
            requestSeen.set(request);
            return pending;
        }, loopback.executor(1));
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();

        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[512]);
        CompletableFuture<RemotingCommand> response = client.invokeAsync(loopback.address(),
                RemotingCommand.request(ECHO).setBody(pooled), TIMEOUT_MILLIS);
        await().atMost(Duration.ofSeconds(5)).until(() -> bodySeen.get() != null);
        assertEquals(0, pooled.refCnt(), "the client released its request body once written");
        assertNotEquals(0, bodySeen.get().refCnt(), "held while the processor's future is pending");

        pending.complete(RemotingCommand.successTo(requestSeen.get()));
        assertEquals(ResponseCode.SUCCESS, response.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).code());
        await().atMost(Duration.ofSeconds(5)).until(() -> bodySeen.get().refCnt() == 0);
        assertNull(requestSeen.get().body());
    }
}
