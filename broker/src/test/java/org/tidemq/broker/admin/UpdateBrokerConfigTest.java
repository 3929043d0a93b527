package org.tidemq.broker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.pull.PullSysFlag;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;

/** UPDATE_BROKER_CONFIG on a running broker started with a config file. */
class UpdateBrokerConfigTest {
    @TempDir
    Path dir;
    private Path configFile;
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        configFile = dir.resolve("broker.conf");
        Files.writeString(configFile, "# operator comment\nbrokerName = broker-a\nbrokerPermission=6\n",
                StandardCharsets.ISO_8859_1);
        running = new RunningBroker(dir, Map.of(), Clock.systemUTC(), configFile);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private RemotingCommand update(String propertiesText) throws Exception {
        return running.client.call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG).setBody(propertiesText));
    }

    private RemotingCommand getConfig() throws Exception {
        return running.client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
    }

    private Properties effective() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(getConfig().bodyText()));
        return properties;
    }

    @Test
    void brokerPermissionChangesAtRuntimeAndIsPersisted() throws Exception {
        DataVersion before = RemotingSerializable.fromJson(getConfig().field("version"), DataVersion.class);
        assertEquals(ResponseCode.SUCCESS, running.client.sendV2("TopicP", 0, "before", Map.of()).code());

        RemotingCommand response = update("brokerPermission=4\n");

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals("4", effective().getProperty("brokerPermission"));
        DataVersion after = RemotingSerializable.fromJson(getConfig().field("version"), DataVersion.class);
        assertTrue(after.getCounter().get() > before.getCounter().get(), "the config's DataVersion moves on");
        RemotingCommand refused = running.client.sendV2("TopicP", 0, "after", Map.of());
        assertEquals(ResponseCode.NO_PERMISSION, refused.code());
        RemotingCommand pulled = running.client.call(BrokerClient.pullRequest("CG_P", "TopicP", 0, 0,
                PullSysFlag.SUBSCRIPTION, "*", 0));
        assertEquals(ResponseCode.SUCCESS, pulled.code(), "read permission is kept");
        assertEquals(4, running.broker.topics().buildSerializeWrapper().topicConfigTable().get("TopicP").perm(),
                "registration carries the masked perm");
        String file = Files.readString(configFile, StandardCharsets.ISO_8859_1);
        assertEquals("# operator comment\nbrokerName = broker-a\nbrokerPermission=4\n", file);

        assertEquals(ResponseCode.SUCCESS, update("brokerPermission=6\nwaitTimeMillsInSendQueue=300").code());
        await().until(() -> running.client.sendV2("TopicP", 0, "again", Map.of()).code() == ResponseCode.SUCCESS);
        assertEquals("300", effective().getProperty("waitTimeMillsInSendQueue"));
        assertTrue(Files.readString(configFile, StandardCharsets.ISO_8859_1)
                .endsWith("brokerPermission=6\nwaitTimeMillsInSendQueue=300\n"));
    }

    @Test
    void permissionChangeReRegistersAtOnceWithTheMaskedPermAndANewDataVersion(@TempDir Path other)
            throws Exception {
        List<RemotingCommand> registrations = new CopyOnWriteArrayList<>();
        NettyRemotingServer namesrv = new NettyRemotingServer(NettyServerConfig.defaults()
                .withBindAddress("127.0.0.1"));
        namesrv.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) -> {
            if (request.code() == RequestCode.REGISTER_BROKER) {
                registrations.add(RemotingCommand.request(request.code()).setBody(request.bodyBytes()));
            }
            return RemotingCommand.successTo(request);
        }, RequestExecutors.IO_THREAD);
        namesrv.start();
        // The registration period is clamped to >= 10 s, so a REGISTER_BROKER within the await comes from the change.
        try (RunningBroker registered = new RunningBroker(other, Map.of("namesrvAddr",
                "127.0.0.1:" + namesrv.localPort()), Clock.systemUTC(), null)) {
            await().until(() -> registrations.size() == 1);
            assertEquals(ResponseCode.SUCCESS, registered.client.sendV2("TopicR", 0, "x", Map.of()).code());
            await().until(() -> registrations.size() == 2);
            TopicConfigSerializeWrapper before = RegisterBrokerBody.decode(registrations.get(1).bodyBytes())
                    .topicConfigSerializeWrapper();
            assertEquals(6, before.topicConfigTable().get("TopicR").perm());

            assertEquals(ResponseCode.SUCCESS, registered.client.call(RemotingCommand.request(
                    RequestCode.UPDATE_BROKER_CONFIG).setBody("brokerPermission=4")).code());

            await().until(() -> registrations.size() == 3);
            TopicConfigSerializeWrapper after = RegisterBrokerBody.decode(registrations.get(2).bodyBytes())
                    .topicConfigSerializeWrapper();
            assertEquals(4, after.topicConfigTable().get("TopicR").perm());
            assertTrue(after.dataVersion().counter() > before.dataVersion().counter(),
                    "name servers replace routes only for a newer DataVersion");
        } finally {
            namesrv.shutdown();
        }
    }

    @Test
    void unknownFixedOrInvalidKeysAreRefusedNamingTheKeyAndChangeNothing() throws Exception {
        RemotingCommand unknown = update("noSuchKey=1\nbrokerPermission=4");
        assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
        assertTrue(unknown.remark().contains("noSuchKey"), unknown.remark());

        RemotingCommand fixed = update("listenPort=1234");
        assertEquals(ResponseCode.SYSTEM_ERROR, fixed.code());
        assertTrue(fixed.remark().contains("listenPort") && fixed.remark().contains("runtime"), fixed.remark());

        RemotingCommand invalid = update("brokerPermission=9");
        assertEquals(ResponseCode.SYSTEM_ERROR, invalid.code());
        assertTrue(invalid.remark().contains("brokerPermission"), invalid.remark());

        assertEquals("6", effective().getProperty("brokerPermission"));
        assertEquals("# operator comment\nbrokerName = broker-a\nbrokerPermission=6\n",
                Files.readString(configFile, StandardCharsets.ISO_8859_1));
        assertEquals(ResponseCode.SUCCESS, running.client.sendV2("TopicP", 0, "still", Map.of()).code());
    }
}
