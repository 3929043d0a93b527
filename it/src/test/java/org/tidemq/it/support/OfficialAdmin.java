package org.tidemq.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/** The official 5.2.0 admin client as the ITs use it: started against one name server, and route waits. */
public final class OfficialAdmin {
    private static final long TIMEOUT_MS = 10_000;

    private OfficialAdmin() {
    }

    /** A started admin client of {@code namesrvAddr}; {@code instanceName} must be unique in this JVM. */
    public static DefaultMQAdminExt start(String namesrvAddr, String instanceName) throws MQClientException {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(TIMEOUT_MS);
        admin.setNamesrvAddr(namesrvAddr);
        admin.setInstanceName(instanceName);
        admin.start();
        return admin;
    }

    /** Waits until {@code topic}'s route has queues and its (one) broker group lists a master and a slave. */
    public static void awaitMasterAndSlave(DefaultMQAdminExt admin, String topic, Duration atMost) {
        await("route of " + topic + " with master and slave").atMost(atMost).ignoreExceptions().until(() -> {
            var route = admin.examineTopicRouteInfo(topic);
            return !route.getQueueDatas().isEmpty() && route.getBrokerDatas().get(0).getBrokerAddrs().size() == 2;
        });
    }
}
