package org.tidemq.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** TideMQ's broker defaults against the official RocketMQ 5.2.0 {@code BrokerConfig} on this machine. */
class OfficialBrokerConfigDefaultsTest {

    @Test
    void defaultsMatchTheOfficialBrokerConfig() {
        org.apache.rocketmq.common.BrokerConfig official = new org.apache.rocketmq.common.BrokerConfig();
        BrokerConfig ours = BrokerConfigMapper.map(new Properties()).config();

        assertEquals(official.getBrokerClusterName(), ours.identity().brokerClusterName());
        assertEquals(official.getBrokerName(), ours.identity().brokerName());
        assertEquals(official.getBrokerId(), ours.identity().brokerId());
        assertEquals(official.getBrokerPermission(), ours.identity().brokerPermission());
        assertEquals(official.getBrokerIP1(), ours.network().brokerIP1());
        assertEquals(official.getBrokerIP2(), ours.network().brokerIP2());

        assertEquals(official.isAutoCreateTopicEnable(), ours.topics().autoCreateTopicEnable());
        assertEquals(official.isAutoCreateSubscriptionGroup(), ours.topics().autoCreateSubscriptionGroup());
        assertEquals(official.getDefaultTopicQueueNums(), ours.topics().defaultTopicQueueNums());
        assertEquals(official.isClusterTopicEnable(), ours.topics().clusterTopicEnable());
        assertEquals(official.isBrokerTopicEnable(), ours.topics().brokerTopicEnable());
        assertEquals(official.isTraceTopicEnable(), ours.topics().traceTopicEnable());
        assertEquals(official.getMsgTraceTopicName(), ours.topics().msgTraceTopicName());

        FlowControlConfig flow = ours.flow();
        assertEquals(official.getSendMessageThreadPoolNums(), flow.sendMessageThreadPoolNums());
        assertEquals(official.getPullMessageThreadPoolNums(), flow.pullMessageThreadPoolNums());
        assertEquals(official.getSendThreadPoolQueueCapacity(), flow.sendThreadPoolQueueCapacity());
        assertEquals(official.getPullThreadPoolQueueCapacity(), flow.pullThreadPoolQueueCapacity());
        assertEquals(official.getWaitTimeMillsInSendQueue(), flow.waitTimeMillsInSendQueue());
        assertEquals(official.getWaitTimeMillsInPullQueue(), flow.waitTimeMillsInPullQueue());
        assertEquals(official.isLongPollingEnable(), flow.longPollingEnable());
        assertEquals(official.getShortPollingTimeMills(), flow.shortPollingTimeMills());
        assertEquals(official.isSlaveReadEnable(), flow.slaveReadEnable());

        assertEquals(official.getRegisterNameServerPeriod(), ours.registration().registerNameServerPeriodMs());
        assertEquals(official.isForceRegister(), ours.registration().forceRegister());
        assertEquals(official.getRegisterBrokerTimeoutMills(), ours.registration().registerBrokerTimeoutMills());

        assertEquals(official.getTransactionTimeOut(), ours.transactions().transactionTimeOutMs());
        assertEquals(official.getTransactionCheckMax(), ours.transactions().transactionCheckMax());
        // Deliberate difference: the transactions issue asks for a 60 s check interval; Apache 5.2.0 has 30 s.
        assertEquals(30_000, official.getTransactionCheckInterval());
        assertEquals(60_000, ours.transactions().transactionCheckIntervalMs());
        assertEquals(official.isEnablePropertyFilter(), ours.messages().enablePropertyFilter());
    }
}
