package org.tidemq.it.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.ApacheRocketMqCluster;

import java.nio.file.Path;

/** TideMQ's pull consumer and admin client against Apache RocketMQ 5.2.0's name server and broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The broker restart runs last, so the other scenarios never meet a broker that has just come back.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TideClientPullAndAdminApacheIT {
    private ApacheRocketMqCluster cluster;
    private PullAndAdminScenarios scenarios;

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = ApacheRocketMqCluster.start(dir);
        scenarios = new PullAndAdminScenarios(cluster.namesrvAddr(), "ApachePull");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
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
        scenarios.offsetsSurviveABrokerRestart(cluster::restartBroker);
    }
}
