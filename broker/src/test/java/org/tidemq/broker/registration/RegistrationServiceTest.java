package org.tidemq.broker.registration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.BrokerController;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;

/** Registration against stand-in name servers that record what they receive. */
class RegistrationServiceTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** A name server stand-in on 127.0.0.1 answering every call with {@code code}. */
    private record RecordingNamesrv(NettyRemotingServer server, List<RemotingCommand> received) {
        String address() {
            return "127.0.0.1:" + server.localPort();
        }

        List<RemotingCommand> ofCode(int code) {
            return received.stream().filter(r -> r.code() == code).toList();
        }
    }

    private RecordingNamesrv namesrv(int answerCode) {
        NettyRemotingServer server = new NettyRemotingServer(NettyServerConfig.defaults()
                .withBindAddress("127.0.0.1"));
        List<RemotingCommand> received = new CopyOnWriteArrayList<>();
        server.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) -> {
            RemotingCommand copy = new RemotingCommand().setCode(request.code())
                    .setExtFields(Map.copyOf(request.extFields()));
            copy.setBody(request.bodyBytes());
            received.add(copy);
            return RemotingCommand.responseTo(request, answerCode, answerCode == 0 ? null : "refused");
        }, RequestExecutors.IO_THREAD);
        server.start();
        resources.add(server::shutdown);
        return new RecordingNamesrv(server, received);
    }

    /** Ticks run only when the test says so. */
    private static final class ManualScheduler implements PeriodicScheduler {
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();

        @Override
        public ScheduledTask scheduleAtFixedRate(Runnable task, long initialDelayMs, long periodMs) {
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        void tick() {
            tasks.forEach(Runnable::run);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private NettyRemotingClient client() {
        NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults());
        client.start();
        resources.add(client::shutdown);
        return client;
    }

    @Test
    void registersWithEveryNameServerPeriodicallyWithCheckedBodyAndUnregistersAtShutdown() throws Exception {
        RecordingNamesrv a = namesrv(ResponseCode.SUCCESS);
        RecordingNamesrv b = namesrv(ResponseCode.SUCCESS);
        TopicConfigSerializeWrapper table = new TopicConfigSerializeWrapper(
                Map.of("TopicA", new TopicConfig("TopicA", 4, 4, 6)), DataVersion.initial(1L), null);
        NamesrvRegistrar registrar = new NamesrvRegistrar(client(), List.of(a.address(), b.address()),
                () -> new BrokerRegistrationInfo("C1", "broker-a", 0, "127.0.0.1:10911", "127.0.0.1:10912"),
                () -> table, 3_000);
        ManualScheduler scheduler = new ManualScheduler();
        RegistrationService service = new RegistrationService(registrar, scheduler, 30_000);

        List<NamesrvRegistrar.Outcome> first = service.start().get(5, TimeUnit.SECONDS);
        assertTrue(first.stream().allMatch(NamesrvRegistrar.Outcome::ok), first.toString());
        scheduler.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.ofCode(RequestCode.REGISTER_BROKER).size() == 2);

        for (RecordingNamesrv namesrv : List.of(a, b)) {
            RemotingCommand request = namesrv.ofCode(RequestCode.REGISTER_BROKER).get(0);
            RegisterBrokerRequestHeader header = RegisterBrokerRequestHeader.parse(request);
            assertEquals("broker-a", header.brokerName());
            assertEquals("127.0.0.1:10911", header.brokerAddr());
            assertEquals("127.0.0.1:10912", header.haServerAddr());
            assertEquals("C1", header.clusterName());
            assertEquals(0, header.brokerId());
            assertFalse(header.compressed());
            assertEquals(NamesrvRegistrar.crc32(request.bodyBytes()), header.bodyCrc32());
            assertTrue(header.bodyCrc32() > 0);
            RegisterBrokerBody body = RegisterBrokerBody.decode(request.bodyBytes());
            assertEquals(6, body.topicConfigSerializeWrapper().topicConfigTable().get("TopicA").perm());
        }

        service.shutdown(3_000);
        for (RecordingNamesrv namesrv : List.of(a, b)) {
            List<RemotingCommand> unregisters = namesrv.ofCode(RequestCode.UNREGISTER_BROKER);
            assertEquals(1, unregisters.size());
            assertEquals("127.0.0.1:10911", unregisters.get(0).field("brokerAddr"));
            assertEquals("0", unregisters.get(0).field("brokerId"));
        }
        scheduler.tick();
        assertEquals(2, a.ofCode(RequestCode.REGISTER_BROKER).size(), "no registration after shutdown");
    }

    @Test
    void aRefusingOrDeadNameServerDoesNotStopTheOthers() throws Exception {
        RecordingNamesrv refusing = namesrv(ResponseCode.SYSTEM_ERROR);
        RecordingNamesrv healthy = namesrv(ResponseCode.SUCCESS);
        NamesrvRegistrar registrar = new NamesrvRegistrar(client(),
                List.of(refusing.address(), "127.0.0.1:1", healthy.address()),
                () -> new BrokerRegistrationInfo("C1", "b", 0, "127.0.0.1:1", "127.0.0.1:2"),
                () -> new TopicConfigSerializeWrapper(Map.of(), DataVersion.initial(1L), null), 3_000);

        List<NamesrvRegistrar.Outcome> outcomes = registrar.registerAll().get(10, TimeUnit.SECONDS);

        assertEquals(List.of(false, false, true), outcomes.stream().map(NamesrvRegistrar.Outcome::ok).toList());
        assertTrue(outcomes.get(0).detail().contains("refused"), outcomes.get(0).detail());
        assertEquals(1, healthy.ofCode(RequestCode.REGISTER_BROKER).size());
    }

    @Test
    void brokerRegistersAtStartAfterTopicCreationAndUnregistersAtShutdown() throws Exception {
        RecordingNamesrv namesrv = namesrv(ResponseCode.SUCCESS);
        BrokerController broker = new BrokerController(TestBrokers.config(dir, Map.of("namesrvAddr",
                namesrv.address())));
        broker.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> namesrv.ofCode(RequestCode.REGISTER_BROKER).size() == 1);
            assertEquals(broker.brokerAddr(), namesrv.ofCode(RequestCode.REGISTER_BROKER).get(0).field("brokerAddr"));
            try (BrokerClient client = new BrokerClient(broker.brokerAddr())) {
                assertEquals(ResponseCode.SUCCESS, client.sendV2("NewTopic", 0, "x", Map.of()).code());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> namesrv.ofCode(RequestCode.REGISTER_BROKER).size() == 2);
            RegisterBrokerBody latest = RegisterBrokerBody.decode(
                    namesrv.ofCode(RequestCode.REGISTER_BROKER).get(1).bodyBytes());
            assertNotNull(latest.topicConfigSerializeWrapper().topicConfigTable().get("NewTopic"));
        } finally {
            broker.shutdown();
        }
        assertEquals(1, namesrv.ofCode(RequestCode.UNREGISTER_BROKER).size());
    }
}
