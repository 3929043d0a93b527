package org.tidemq.it.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** TideMQ's pull consumer and admin client against TideMQ's own name server and broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The broker restart runs last, so the other scenarios never meet a broker that has just come back.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TideClientPullAndAdminIT {
    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private PullAndAdminScenarios scenarios;

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-pull-it", namesrv.address(), Map.of());
        scenarios = new PullAndAdminScenarios(namesrv.address(), "TidePull");
    }

    @AfterAll
    void stopServers() {
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void assignedQueuesAreReadInOrderAndSeekRereads() {
        scenarios.assignAndSeek();
    }

    @Test
    void subscribedGroupCommitsAndARestartedConsumerResumes() {
        scenarios.subscribeCommitAndResume();
    }

    @Test
    void adminReadsBrokerStateAndDeletesTopics() {
        scenarios.adminReadsBrokerStateAndDeletesTopics();
    }

    @Test
    void twoConsumersShareTheGroupsQueues() {
        scenarios.twoConsumersShareTheGroupsQueues();
    }

    @Test
    void messagesAreFoundByKeyUniqueIdAndOffsetId() {
        scenarios.queryByKeyUniqueIdAndOffsetId();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void committedOffsetsSurviveABrokerRestart() throws Exception {
        scenarios.offsetsSurviveABrokerRestart(() -> {
            broker.stop(Duration.ofSeconds(30));
            broker = broker.startAgain();
        });
    }
}
