package org.tidemq.it.namesrv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.it.support.FakeBroker;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.TideMqHome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/mqnamesrv} as an operator runs it. */
class MqnamesrvScriptIT {
    @TempDir
    Path dir;

    @Test
    void printsExactlyTheBootLineLogsToTheLogDirAndStopsOnSigterm() throws Exception {
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("ns"));
        try {
            assertEquals("The Name Server boot success. serializeType=JSON, address 127.0.0.1:" + namesrv.port() + "\n",
                    namesrv.stdout());
            Path log = namesrv.workDir().resolve("logs/namesrv.log");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("The Name Server boot success"));
        } finally {
            namesrv.close();
        }
        assertFalse(namesrv.isAlive());
        assertFalse(ProcessHandle.of(namesrv.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void twoNameServersShareNothing() throws Exception {
        try (NamesrvProcess first = NamesrvProcess.start(dir.resolve("ns1"));
             NamesrvProcess second = NamesrvProcess.start(dir.resolve("ns2"));
             NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults())) {
            client.start();
            new FakeBroker("c", "broker-a", 0, "127.0.0.1:" + FreePort.pick(),
                    List.of(new TopicConfig("OnlyInFirst", 1, 1, 6))).register(client, first.address());
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", "OnlyInFirst");
            assertEquals(ResponseCode.SUCCESS, client.invokeSync(first.address(), request, 3000).code());
            RemotingCommand again = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", "OnlyInFirst");
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, client.invokeSync(second.address(), again, 3000).code());
        }
    }

    @Test
    void refusesToStartWhenNotBuiltAndSaysHowToBuild() throws Exception {
        Path emptyBuild = Files.createDirectories(dir.resolve("empty-build"));
        ProcessBuilder builder = new ProcessBuilder("sh", TideMqHome.root().resolve("bin/mqnamesrv").toString())
                .redirectErrorStream(true);
        builder.environment().put("TIDEMQ_BUILD_DIR", emptyBuild.toString());
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.exitValue());
            assertTrue(output.contains("run mvn -B package -DskipTests first"), output);
            assertTrue(output.contains(emptyBuild.resolve("tidemq-namesrv/lib").toString()), output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void invalidConfigFailsWithTheKeyAndValue() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "listenPort=" + FreePort.pick() + "\nbindAddress=127.0.0.1\nscanNotActiveBrokerInterval=soon\n");
        ProcessBuilder builder = new ProcessBuilder("sh", TideMqHome.root().resolve("bin/mqnamesrv").toString(),
                "-c", config.toString()).redirectErrorStream(true);
        if (TideMqHome.buildDir() != null) {
            builder.environment().put("TIDEMQ_BUILD_DIR", TideMqHome.buildDir());
        }
        builder.environment().put("TIDEMQ_LOG_DIR", dir.resolve("logs").toString());
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, process.exitValue(), output);
            assertEquals("mqnamesrv: invalid value 'soon' for scanNotActiveBrokerInterval: not an integer\n", output);
        } finally {
            process.destroyForcibly();
        }
    }
}
