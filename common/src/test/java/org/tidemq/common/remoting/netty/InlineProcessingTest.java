package org.tidemq.common.remoting.netty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.testing.TestFrames;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Processors registered with {@link RequestExecutors#IO_THREAD}, and flush consolidation of responses. */
class InlineProcessingTest {
    private static final int ECHO = 9101;
    private static final int FAILING = 9102;
    private static final int LATER = 9103;
    private static final long TIMEOUT_MILLIS = 5000;
    /** Far below any timeout: a response held back until more traffic arrives would never make it. */
    private static final Duration PROMPT = Duration.ofSeconds(2);

    private Loopback loopback;

    @AfterEach
    void close() {
        if (loopback != null) {
            loopback.close();
        }
    }

    @Test
    void inlineProcessorRunsOnTheIoThreadThatReadTheRequestAndAnswers() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> {
            threads.add(Thread.currentThread().getName());
            assertTrue(ctx.channel().eventLoop().inEventLoop(), "runs on the channel's own event loop");
            return Loopback.echo(request);
        }, RequestExecutors.IO_THREAD);
        loopback.start();

        RemotingCommand response = loopback.startedClient().invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "inline").setBody("body"), TIMEOUT_MILLIS);

        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals("inline", response.field("echo"));
        assertEquals("body", response.bodyText());
        assertEquals(1, threads.size());
        assertTrue(threads.iterator().next().startsWith("tidemq-server-io"), "ran on " + threads);
    }

    @Test
    void pipelinedBatchIsAnsweredCompletelyAndInOrder() throws Exception {
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                RequestExecutors.IO_THREAD);
        loopback.start();
        int requests = 500;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        List<RemotingCommand> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RemotingCommand request = RemotingCommand.request(ECHO).putField("value", "v" + i);
            sent.add(request);
            batch.write(TestFrames.encode(request, null));
        }

        try (Socket socket = new Socket("127.0.0.1", loopback.server.localPort())) {
            socket.setSoTimeout((int) TIMEOUT_MILLIS);
            socket.getOutputStream().write(batch.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < requests; i++) {
                RemotingCommand response = TestFrames.read(in);
                assertEquals(sent.get(i).opaque(), response.opaque(), "response " + i + " in request order");
                assertEquals("v" + i, response.field("echo"));
                assertTrue(response.isResponse());
            }
        }
    }

    @Test
    void loneInlineResponseIsFlushedWithoutFurtherTraffic() {
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                RequestExecutors.IO_THREAD);
        loopback.start();

        CompletableFuture<RemotingCommand> response = loopback.startedClient().invokeAsync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "alone"), TIMEOUT_MILLIS);

        await().atMost(PROMPT).until(response::isDone);
        assertEquals("alone", response.join().field("echo"));
    }

    @Test
    void responseCompletedOutsideAReadIsFlushedAtOnce() {
        CompletableFuture<Void> invoked = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        loopback = new Loopback();
        // Answers only when the test says so, from the test's thread: after the request's read batch has ended.
        loopback.server.registerProcessor(LATER, (ctx, request) -> {
            invoked.complete(null);
            return release.thenApply(ignored -> Loopback.echo(request));
        }, RequestExecutors.IO_THREAD);
        loopback.start();

        CompletableFuture<RemotingCommand> response = loopback.startedClient().invokeAsync(loopback.address(),
                RemotingCommand.request(LATER).putField("value", "late"), TIMEOUT_MILLIS);
        await().atMost(PROMPT).until(invoked::isDone);
        assertFalse(response.isDone(), "not answered before the processor completes");
        release.complete(null);

        await().atMost(PROMPT).until(response::isDone);
        assertEquals("late", response.join().field("echo"));
    }

    @Test
    void executorProcessorResponseIsFlushedAtOnce() {
        loopback = new Loopback();
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                loopback.executor(1));
        loopback.start();

        CompletableFuture<RemotingCommand> response = loopback.startedClient().invokeAsync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "pooled"), TIMEOUT_MILLIS);

        await().atMost(PROMPT).until(response::isDone);
        assertEquals("pooled", response.join().field("echo"));
    }

    @Test
    void inlineProcessorFailureIsAnsweredWithSystemErrorAndTheConnectionStaysUsable() throws Exception {
        loopback = new Loopback();
        loopback.server.registerProcessor(FAILING, (RequestProcessor.Sync) (ctx, request) -> {
            throw new IllegalStateException("inline boom");
        }, RequestExecutors.IO_THREAD);
        loopback.server.registerProcessor(ECHO, (RequestProcessor.Sync) (ctx, request) -> Loopback.echo(request),
                RequestExecutors.IO_THREAD);
        loopback.start();
        NettyRemotingClient client = loopback.startedClient();

        RemotingCommand failed = client.invokeSync(loopback.address(), RemotingCommand.request(FAILING),
                TIMEOUT_MILLIS);
        RemotingCommand next = client.invokeSync(loopback.address(),
                RemotingCommand.request(ECHO).putField("value", "after"), TIMEOUT_MILLIS);

        assertEquals(ResponseCode.SYSTEM_ERROR, failed.code());
        assertTrue(failed.remark().contains("inline boom"), failed.remark());
        assertEquals("after", next.field("echo"));
    }

    @Test
    void ioThreadExecutorRunsTasksOnTheCallerAndIgnoresShutdown() throws Exception {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];

        RequestExecutors.IO_THREAD.execute(() -> ranOn[0] = Thread.currentThread());
        RequestExecutors.IO_THREAD.shutdown();
        assertEquals(List.of(), RequestExecutors.IO_THREAD.shutdownNow());

        assertSame(caller, ranOn[0]);
        assertFalse(RequestExecutors.IO_THREAD.isShutdown(), "shared by every server: shutdown does nothing");
        assertFalse(RequestExecutors.IO_THREAD.awaitTermination(1, TimeUnit.MILLISECONDS));
        assertEquals(42, RequestExecutors.IO_THREAD.submit(() -> 42).get(0, TimeUnit.MILLISECONDS));
    }
}
