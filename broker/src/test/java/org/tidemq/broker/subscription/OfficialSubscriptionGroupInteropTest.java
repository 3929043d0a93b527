package org.tidemq.broker.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.SubscriptionGroupConfig;

/** SubscriptionGroupConfig against the official 5.2.0 class (fastjson). */
class OfficialSubscriptionGroupInteropTest {

    @Test
    void defaultsEncodeExactlyAsTheOfficialClass() {
        org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig official =
                new org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig();
        official.setGroupName("cg");
        assertEquals(RemotingSerializable.toJson(official, false),
                new String(SubscriptionGroupConfig.defaults("cg").encode(), StandardCharsets.UTF_8));
    }

    @Test
    void officialClassReadsOurNonDefaultValues() {
        SubscriptionGroupConfig ours = new SubscriptionGroupConfig("g1", false, false, false, true, 3, 5, 1, 2, false,
                4, 20, "CUSTOMIZED", java.util.Map.of());
        org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig official = RemotingSerializable.decode(
                ours.encode(), org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig.class);
        assertEquals("g1", official.getGroupName());
        assertEquals(false, official.isConsumeEnable());
        assertEquals(false, official.isConsumeFromMinEnable());
        assertEquals(false, official.isConsumeBroadcastEnable());
        assertEquals(true, official.isConsumeMessageOrderly());
        assertEquals(3, official.getRetryQueueNums());
        assertEquals(5, official.getRetryMaxTimes());
        assertEquals(1, official.getBrokerId());
        assertEquals(2, official.getWhichBrokerWhenConsumeSlowly());
        assertEquals(false, official.isNotifyConsumerIdsChangedEnable());
        assertEquals(4, official.getGroupSysFlag());
        assertEquals(20, official.getConsumeTimeoutMinute());
        assertEquals(ours, SubscriptionGroupConfig.decode(RemotingSerializable.encode(official)));
    }
}
