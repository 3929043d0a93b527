package org.tidemq.client.admin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** resetOffsetByTime's single-queue form (-b -q -o) and its C++ flag, as requests on the wire. */
class QueueOffsetResetTest {
    private static final String BROKER = "10.0.0.1:10911";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final AdminClient admin = AdminClient.builder().namesrvAddr("127.0.0.1:9876").remotingClient(remoting)
            .build();

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void commitsTheOffsetThenAsksTheBrokerToResetThatQueue() {
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), null));
        remoting.on(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (a, r) ->
                FakeRemotingClient.answer(ResponseCode.CONSUMER_NOT_ONLINE, "not online", Map.of(), null));

        admin.resetQueueOffset(BROKER, "G", "T", 2, 17);

        FakeRemotingClient.Sent update = remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).get(0);
        assertEquals(BROKER, update.address());
        assertEquals(List.of("G", "T", "2", "17"), List.of(update.field("consumerGroup"), update.field("topic"),
                update.field("queueId"), update.field("commitOffset")));
        FakeRemotingClient.Sent reset = remoting.sent(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).get(0);
        assertEquals(List.of("G", "T", "2", "17", "0"), List.of(reset.field("group"), reset.field("topic"),
                reset.field("queueId"), reset.field("offset"), reset.field("timestamp")));
        assertEquals(List.of(RequestCode.UPDATE_CONSUMER_OFFSET, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET),
                remoting.sent().stream().map(FakeRemotingClient.Sent::code).toList());
    }

    @Test
    void refusedCommitOrUnexpectedResetAnswerFails() {
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (a, r) ->
                FakeRemotingClient.answer(ResponseCode.NO_PERMISSION, "denied", Map.of(), null));
        AdminException refused = assertThrows(AdminException.class,
                () -> admin.resetQueueOffset(BROKER, "G", "T", 0, 1));
        assertEquals(ResponseCode.NO_PERMISSION, refused.responseCode());
        assertEquals("denied", refused.remark());
        assertEquals(List.of(), remoting.sent(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET));

        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(), null));
        remoting.on(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (a, r) ->
                FakeRemotingClient.answer(ResponseCode.NO_PERMISSION, "no", Map.of(), null));
        assertThrows(AdminException.class, () -> admin.resetQueueOffset(BROKER, "G", "T", 0, 1));
    }

    @Test
    void subscriptionGroupIsEmptyWhenEitherKindOfBrokerDoesNotKnowIt() {
        remoting.on(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG, (a, r) -> switch (r.field("group")) {
            case "tide-missing" -> FakeRemotingClient.answer(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "none",
                    Map.of(), null);
            case "apache-missing" -> FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "No group in this broker",
                    Map.of(), null);
            case "broken" -> FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "disk full", Map.of(), null);
            default -> FakeRemotingClient.answer(0, null, Map.of(), ("{\"groupName\":\"G\",\"retryMaxTimes\":7,"
                    + "\"attributes\":{\"tier\":\"gold\"},\"groupRetryPolicy\":{\"type\":\"EXPONENTIAL\"}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        assertEquals(java.util.Optional.empty(), admin.subscriptionGroup(BROKER, "tide-missing"));
        assertEquals(java.util.Optional.empty(), admin.subscriptionGroup(BROKER, "apache-missing"));
        assertThrows(AdminException.class, () -> admin.subscriptionGroup(BROKER, "broken"));
        org.tidemq.common.protocol.SubscriptionGroupConfig config = admin.subscriptionGroup(BROKER, "G").orElseThrow();
        assertEquals(7, config.retryMaxTimes());
        assertEquals(Map.of("tier", "gold"), config.attributes());
        assertEquals("EXPONENTIAL", config.groupRetryPolicyType());
    }

    @Test
    void searchOffsetAsksTheNamedBroker() {
        remoting.on(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (a, r) ->
                FakeRemotingClient.answer(0, null, Map.of("offset", "42"), null));
        assertEquals(42, admin.searchOffset(BROKER, "T", 3, 1000));
        FakeRemotingClient.Sent search = remoting.sent(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).get(0);
        assertEquals(List.of(BROKER, "T", "3", "1000"), List.of(search.address(), search.field("topic"),
                search.field("queueId"), search.field("timestamp")));
    }
}
