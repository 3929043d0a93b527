package org.tidemq.client.consumer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.MessageSelector;
import org.tidemq.common.remoting.RequestCode;

class SubscriptionCheckTest {
    private static final Subscription SQL = Subscription.parse("T", "a > 1", Subscription.TYPE_SQL92, 7);

    @Test
    void sql92SubscriptionsAreSentAsRocketMqsCheckClientRequestBody() {
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.CHECK_CLIENT_CONFIG,
                (address, request) -> FakeRemotingClient.answer(0, null, Map.of(), null));
        SubscriptionCheck.verify(remoting, "10.0.0.1:10911", "client-1", "G", SQL, 1000);
        FakeRemotingClient.Sent sent = remoting.sent(RequestCode.CHECK_CLIENT_CONFIG).get(0);
        assertEquals("10.0.0.1:10911", sent.address());
        String body = new String(sent.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"clientId\":\"client-1\",\"group\":\"G\",\"subscriptionData\":{"), body);
        assertTrue(body.contains("\"expressionType\":\"SQL92\",\"subString\":\"a > 1\",\"subVersion\":7"), body);
    }

    @Test
    void tagSubscriptionsAreNotChecked() {
        FakeRemotingClient remoting = new FakeRemotingClient();
        SubscriptionCheck.verify(remoting, "10.0.0.1:10911", "client-1", "G", Subscription.parse("T", "A", 1), 1000);
        assertTrue(remoting.sent().isEmpty());
    }

    @Test
    void aRefusalCarriesTheBrokersCodeAndReason() {
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.CHECK_CLIENT_CONFIG,
                (address, request) -> FakeRemotingClient.answer(23, "Invalid SQL92 expression 'a >'", Map.of(), null));
        ConsumerException refused = assertThrows(ConsumerException.class,
                () -> SubscriptionCheck.verify(remoting, "10.0.0.1:10911", "client-1", "G", SQL, 1000));
        assertEquals(23, refused.responseCode());
        assertTrue(refused.getMessage().endsWith("code 23, Invalid SQL92 expression 'a >'"), refused.getMessage());
    }

    @Test
    void selectorsValidateTheirType() {
        assertEquals("*", MessageSelector.byTag(null).expression());
        assertThrows(IllegalArgumentException.class, () -> MessageSelector.bySql(" "));
        assertThrows(IllegalArgumentException.class, () -> new MessageSelector("XPATH", "a"));
    }
}
