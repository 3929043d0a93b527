package org.tidemq.broker.ha.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.ChannelEventListener;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/** When the slave announces, and when it stops: driven by hand, answers scripted. */
class SlaveAnnouncerTest {
    private final ScriptedClient client = new ScriptedClient();
    private final AtomicReference<String> master = new AtomicReference<>();
    private final SlaveAnnouncer announcer = new SlaveAnnouncer(client, master::get, "broker-a", 1, 3_000);

    @Test
    void waitsForTheMastersAddressThenAnnouncesTheHaPort() {
        announcer.onHaConnected(40_001);
        assertEquals(0, client.sent.size(), "master address unknown: nothing sent");
        master.set("127.0.0.1:10911");
        client.answer = ResponseCode.SUCCESS;
        announcer.announcePending();
        assertEquals(1, client.sent.size());
        assertEquals("127.0.0.1:10911", client.addresses.get(0));
        assertEquals(new SlaveAnnouncement("broker-a", 1, 40_001), SlaveAnnouncement.fromRequest(client.sent.get(0)));
        assertEquals(-1, announcer.pendingPort(), "accepted: nothing left to announce");
        announcer.announcePending();
        assertEquals(1, client.sent.size());
    }

    @Test
    void retriesWhileTheMasterDoesNotSeeTheConnectionYet() {
        master.set("127.0.0.1:10911");
        client.answer = ResponseCode.SYSTEM_ERROR;
        announcer.onHaConnected(40_002);
        announcer.announcePending();
        assertEquals(2, client.sent.size());
        assertEquals(40_002, announcer.pendingPort());
        client.answer = ResponseCode.SUCCESS;
        announcer.announcePending();
        assertEquals(-1, announcer.pendingPort());
    }

    @Test
    void aRocketMqMasterOrARefusalEndsTheAnnouncements() {
        master.set("127.0.0.1:10911");
        client.answer = ResponseCode.REQUEST_CODE_NOT_SUPPORTED;
        announcer.onHaConnected(40_003);
        assertEquals(-1, announcer.pendingPort());
        client.answer = ResponseCode.NO_PERMISSION;
        announcer.onHaConnected(40_004);
        assertEquals(-1, announcer.pendingPort());
        assertEquals(2, client.sent.size());
    }

    @Test
    void anUnreachableMasterIsAskedAgain() {
        master.set("127.0.0.1:10911");
        client.fail = true;
        announcer.onHaConnected(40_005);
        assertEquals(40_005, announcer.pendingPort());
        client.fail = false;
        client.answer = ResponseCode.SUCCESS;
        announcer.announcePending();
        assertEquals(-1, announcer.pendingPort());
    }

    @Test
    void givesUpOnAConnectionTheMasterNeverMatches() {
        master.set("127.0.0.1:10911");
        client.answer = ResponseCode.SYSTEM_ERROR;
        announcer.onHaConnected(40_006);
        for (int tick = 1; tick < SlaveAnnouncer.MAX_ATTEMPTS; tick++) {
            assertEquals(40_006, announcer.pendingPort(), "still trying after " + tick + " attempts");
            announcer.announcePending();
        }
        assertEquals(-1, announcer.pendingPort());
        assertEquals(SlaveAnnouncer.MAX_ATTEMPTS, client.sent.size());
        announcer.onHaConnected(40_007);
        assertEquals(40_007, announcer.pendingPort(), "a new connection is announced afresh");
    }

    /** Answers every request at once with {@link #answer}, or fails it when {@link #fail}. */
    private static final class ScriptedClient implements RemotingClient {
        final List<RemotingCommand> sent = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        int answer = ResponseCode.SUCCESS;
        boolean fail;

        @Override
        public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request,
                                                              long timeoutMillis) {
            sent.add(request);
            addresses.add(address);
            return fail ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                    : CompletableFuture.completedFuture(RemotingCommand.responseTo(request, answer, "scripted"));
        }

        @Override
        public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerChannelListener(ChannelEventListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start() {
        }

        @Override
        public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void closeChannel(String address) {
        }

        @Override
        public void shutdown() {
        }
    }
}
