package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.SubscriptionGroupWrapper;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** Subscription group admin requests against a real broker, with bodies made and read by the official classes. */
class SubscriptionGroupAdminProcessorTest extends RunningBrokerTest {



    private RemotingCommand create(SubscriptionGroupConfig config) throws Exception {
        return client.call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
                .setBody(RemotingSerializable.encode(config)));
    }

    @Test
    void createsPersistsListsAndDeletesAGroup() throws Exception {
        SubscriptionGroupConfig official = new SubscriptionGroupConfig();
        official.setGroupName("CG_ADMIN");
        official.setRetryMaxTimes(3);
        official.setConsumeBroadcastEnable(false);

        RemotingCommand created = create(official);

        assertEquals(ResponseCode.SUCCESS, created.code(), created.remark());
        assertEquals(3, broker.groups().select("CG_ADMIN").retryMaxTimes());
        assertFalse(broker.groups().select("CG_ADMIN").consumeBroadcastEnable());
        String onDisk = Files.readString(SubscriptionGroupManager.fileIn(broker.config().store().storePathRootDir()));
        assertTrue(onDisk.contains("\"CG_ADMIN\""), onDisk);

        RemotingCommand all = client.call(RemotingCommand.request(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));
        SubscriptionGroupWrapper wrapper = RemotingSerializable.decode(all.bodyBytes(),
                SubscriptionGroupWrapper.class);
        assertEquals(3, wrapper.getSubscriptionGroupTable().get("CG_ADMIN").getRetryMaxTimes());
        assertTrue(wrapper.getSubscriptionGroupTable().containsKey("TOOLS_CONSUMER"));

        RemotingCommand one = client.call(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG)
                .putField("group", "CG_ADMIN"));
        assertEquals(ResponseCode.SUCCESS, one.code(), one.remark());
        assertEquals("CG_ADMIN", RemotingSerializable.decode(one.bodyBytes(), SubscriptionGroupConfig.class)
                .getGroupName());

        broker.offsets().commitOffset("CG_ADMIN", "T", 0, 7);
        RemotingCommand deleted = client.call(RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
                .putField("groupName", "CG_ADMIN").putField("cleanOffset", "true"));
        assertEquals(ResponseCode.SUCCESS, deleted.code(), deleted.remark());
        assertNull(broker.groups().select("CG_ADMIN"));
        assertEquals(-1, broker.offsets().queryOffset("CG_ADMIN", "T", 0));
        RemotingCommand gone = client.call(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG)
                .putField("group", "CG_ADMIN"));
        assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, gone.code());
    }

    @Test
    void deleteWithoutCleanOffsetKeepsOffsets() throws Exception {
        broker.offsets().commitOffset("CG_KEEP", "T", 0, 7);

        RemotingCommand deleted = client.call(RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
                .putField("groupName", "CG_KEEP").putField("cleanOffset", "false"));

        assertEquals(ResponseCode.SUCCESS, deleted.code(), deleted.remark());
        assertEquals(7, broker.offsets().queryOffset("CG_KEEP", "T", 0));
    }

    @Test
    void rejectsInvalidGroupsNamingTheProblem() throws Exception {
        SubscriptionGroupConfig official = new SubscriptionGroupConfig();
        official.setGroupName("bad group");
        RemotingCommand badName = create(official);
        assertEquals(ResponseCode.SYSTEM_ERROR, badName.code());
        assertTrue(badName.remark().contains("bad group"), badName.remark());

        RemotingCommand badJson = client.call(RemotingCommand.request(
                RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).setBody("{\"groupName\":"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badJson.code());

        RemotingCommand noBody = client.call(RemotingCommand.request(
                RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP));
        assertEquals(ResponseCode.SYSTEM_ERROR, noBody.code());
        assertTrue(noBody.remark().contains("body"), noBody.remark());
        assertNull(broker.groups().select("bad group"));
    }
}
