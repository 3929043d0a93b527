package org.tidemq.broker.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.RunningBroker;
import org.tidemq.common.protocol.header.RegisterBrokerResponseHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;

/** Without haMasterAddress a slave replicates from the haServerAddr its REGISTER_BROKER answer names. */
class SlaveLearnsMasterFromNamesrvTest {
    @TempDir
    Path dir;

    private NettyRemotingServer namesrv;
    private RunningBroker master;
    private RunningBroker slave;

    @AfterEach
    void stop() {
        if (slave != null) {
            slave.close();
        }
        if (master != null) {
            master.close();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    @Test
    void theSlaveRegistersWithItsIdAndFollowsTheMasterTheNameServerNames() throws Exception {
        master = new RunningBroker(dir.resolve("master"), Map.of(), Clock.systemUTC(), null);
        String masterHa = "127.0.0.1:" + master.broker.replication().advertisedHaPort();
        List<RemotingCommand> registrations = new CopyOnWriteArrayList<>();
        namesrv = new NettyRemotingServer(NettyServerConfig.defaults().withBindAddress("127.0.0.1"));
        namesrv.registerDefaultProcessor((RequestProcessor.Sync) (ctx, request) -> {
            if (request.code() != RequestCode.REGISTER_BROKER) {
                return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            registrations.add(new RemotingCommand().setCode(request.code())
                    .setExtFields(Map.copyOf(request.extFields())));
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .putField(RegisterBrokerResponseHeader.HA_SERVER_ADDR, masterHa)
                    .putField(RegisterBrokerResponseHeader.MASTER_ADDR, master.broker.brokerAddr());
        }, RequestExecutors.IO_THREAD);
        namesrv.start();
        HaTestSupport.putMany(master.broker.store(), "T", "a", 20);

        slave = new RunningBroker(dir.resolve("slave"), Map.of("brokerRole", "SLAVE", "brokerId", "2",
                "namesrvAddr", "127.0.0.1:" + namesrv.localPort()), Clock.systemUTC(), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> slave.broker.store().getMaxPhyOffset()
                == master.broker.store().getMaxPhyOffset());
        RemotingCommand registration = registrations.get(0);
        assertEquals("2", registration.field("brokerId"));
        assertEquals("broker-a", registration.field("brokerName"));
        assertNotNull(registration.field("haServerAddr"));
    }
}
