package org.tidemq.common.remoting.netty;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.testing.LogCapture;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemotingErrorHandlingTest {
    private static final int ECHO = 9001;
    private static final int THROWS = 9002;
    private static final int FAILS_FUTURE = 9003;
    private static final int NEVER_ANSWERS = 9004;
    private static final int SLOW = 9005;
    private static final int BUSY = 9006;
    private static final long TIMEOUT_MILLIS = 5000;

    private Loopback loopback;
    private NettyRemotingClient client;
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final AtomicReference<CompletableFuture<RemotingCommand>> neverAnswered = new AtomicReference<>();
    private final AtomicReference<RemotingCommand> neverAnsweredRequest = new AtomicReference<>();

    @BeforeEach
    void start() {
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(1));
        loopback.server.registerProcessor(THROWS, (RequestProcessor.Sync) (ctx, request) -> {
            throw new IllegalStateException("boom");
        }, loopback.executor(1));
        loopback.server.registerProcessor(FAILS_FUTURE, (ctx, request) ->
                CompletableFuture.failedFuture(new UnsupportedOperationException("later boom")), loopback.executor(1));
        loopback.server.registerProcessor(NEVER_ANSWERS, (ctx, request) -> {
            neverAnsweredRequest.set(request);
            CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
            neverAnswered.set(future);
            return future;
        }, loopback.executor(1));
        loopback.server.registerProcessor(SLOW, (RequestProcessor.Sync) (ctx, request) -> {
            slowStarted.countDown();
            releaseSlow.await();
            return Loopback.echo(request);
        }, loopback.executor(1));
        // One thread, no queue: a second request while the first is blocked is rejected.
        loopback.server.registerProcessor(BUSY, (RequestProcessor.Sync) (ctx, request) -> {
            slowStarted.countDown();
            releaseSlow.await();
            return Loopback.echo(request);
        }, loopback.track(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>())));
        loopback.start();
        client = loopback.startedClient();
    }

    @AfterEach
    void close() {
        releaseSlow.countDown();
        loopback.close();
    }

    private RemotingCommand call(int code) throws Exception {
        return client.invokeSync(loopback.address(), RemotingCommand.request(code), TIMEOUT_MILLIS);
    }

    @Test
    void unknownCodeIsNotSupported() throws Exception {
        RemotingCommand response = call(777);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.code());
        assertEquals(" request type 777 not supported", response.remark());
        assertTrue(response.isResponse());
    }

    @Test
    void defaultProcessorTakesCodesWithoutTheirOwn() throws Exception {
        loopback.server.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) ->
                RemotingCommand.successTo(request).setRemark("default saw " + request.code()), loopback.executor(1));
        RemotingCommand response = call(778);
        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals("default saw 778", response.remark());
    }

    @Test
    void processorExceptionsAreSystemErrorsNamingTheException() throws Exception {
        RemotingCommand thrown = call(THROWS);
        assertEquals(ResponseCode.SYSTEM_ERROR, thrown.code());
        assertEquals("java.lang.IllegalStateException: boom", thrown.remark());

        RemotingCommand failed = call(FAILS_FUTURE);
        assertEquals(ResponseCode.SYSTEM_ERROR, failed.code());
        assertEquals("java.lang.UnsupportedOperationException: later boom", failed.remark());

        assertEquals(ResponseCode.SUCCESS, call(ECHO).code(), "the connection keeps serving");
    }

    @Test
    void fullExecutorAnswersSystemBusy() throws Exception {
        CompletableFuture<RemotingCommand> first = client.invokeAsync(loopback.address(),
                RemotingCommand.request(BUSY), TIMEOUT_MILLIS);
        assertTrue(slowStarted.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));

        RemotingCommand rejected = call(BUSY);
        assertEquals(ResponseCode.SYSTEM_BUSY, rejected.code());
        assertTrue(rejected.remark().startsWith("[OVERLOAD]"), rejected.remark());

        releaseSlow.countDown();
        assertEquals(ResponseCode.SUCCESS, first.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).code(), "control");
    }

    @Test
    void blockedProcessorDoesNotStallOtherCodes() throws Exception {
        CompletableFuture<RemotingCommand> slow = client.invokeAsync(loopback.address(),
                RemotingCommand.request(SLOW), TIMEOUT_MILLIS);
        assertTrue(slowStarted.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));

        assertEquals(ResponseCode.SUCCESS, call(ECHO).code());
        assertFalse(slow.isDone(), "the slow code is still blocked while the other code was served");

        releaseSlow.countDown();
        assertEquals(ResponseCode.SUCCESS, slow.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).code());
    }

    @Test
    void unansweredRequestTimesOutAndItsLateResponseIsDropped() throws Exception {
        RemotingException.TimeoutException timeout = assertThrows(RemotingException.TimeoutException.class,
                () -> client.invokeSync(loopback.address(), RemotingCommand.request(NEVER_ANSWERS), 300));
        assertTrue(timeout.getMessage().contains(loopback.address()), timeout.getMessage());
        assertTrue(timeout.getMessage().contains("300 ms"), timeout.getMessage());

        // The server answers after all; the client drops it and keeps working on the same connection.
        try (LogCapture log = new LogCapture(InboundCommandHandler.class, Level.DEBUG)) {
            int lateOpaque = neverAnsweredRequest.get().opaque();
            neverAnswered.get().complete(RemotingCommand.successTo(neverAnsweredRequest.get()).setBody("late"));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.messages(Level.DEBUG).stream()
                    .anyMatch(line -> line.startsWith("Dropping response " + lateOpaque + " from ")));
        }
        RemotingCommand next = client.invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "after"), TIMEOUT_MILLIS);
        assertEquals("after", next.field("echo"));
    }

    @Test
    void asyncTimeoutFailsTheFuture() {
        CompletableFuture<RemotingCommand> response = client.invokeAsync(loopback.address(),
                RemotingCommand.request(NEVER_ANSWERS).setSerializeType(SerializeType.ROCKETMQ), 200);
        Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> response.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).getCause();
        assertTrue(cause instanceof RemotingException.TimeoutException, cause.toString());
    }

    @Test
    void connectionRefusedIsAConnectException() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        RemotingException.ConnectException refused = assertThrows(RemotingException.ConnectException.class,
                () -> client.invokeSync("127.0.0.1:" + closedPort, RemotingCommand.request(ECHO), TIMEOUT_MILLIS));
        assertTrue(refused.getMessage().contains("127.0.0.1:" + closedPort), refused.getMessage());

        RemotingException.ConnectException malformed = assertThrows(RemotingException.ConnectException.class,
                () -> client.invokeSync("no-port", RemotingCommand.request(ECHO), TIMEOUT_MILLIS));
        assertTrue(malformed.getMessage().contains("not host:port"), malformed.getMessage());
    }
}
