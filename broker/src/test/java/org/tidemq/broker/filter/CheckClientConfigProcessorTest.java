package org.tidemq.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

class CheckClientConfigProcessorTest {
    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final CheckClientConfigProcessor processor = new CheckClientConfigProcessor(enabled::get);

    private RemotingCommand check(String type, String expression) {
        String body = "{\"clientId\":\"127.0.0.1@1\",\"group\":\"G\",\"subscriptionData\":{\"classFilterMode\":false,"
                + "\"codeSet\":[],\"expressionType\":\"" + type + "\",\"subString\":\"" + expression + "\","
                + "\"subVersion\":1,\"tagsSet\":[],\"topic\":\"T\"}}";
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG)
                .setBody(body.getBytes(StandardCharsets.UTF_8));
        return processor.processNow(null, request);
    }

    @Test
    void validSql92AndTagSubscriptionsAreAccepted() {
        RemotingCommand ok = check("SQL92", "a > 1 AND b IN ('x')");
        assertEquals(ResponseCode.SUCCESS, ok.code());
        assertNull(ok.remark());
        assertEquals(ResponseCode.SUCCESS, check("TAG", "TagA || TagB").code());
    }

    @Test
    void malformedSql92IsRefusedWithTheParseError() {
        RemotingCommand refused = check("SQL92", "a >> 1");
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, refused.code());
        assertEquals("Invalid SQL92 expression 'a >> 1': expected a value, property or '(' but found '>' at position 3",
                refused.remark());
    }

    @Test
    void disabledPropertyFilterGivesRocketMqsSystemError() {
        enabled.set(false);
        RemotingCommand refused = check("SQL92", "a > 1");
        assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
        assertEquals("The broker does not support consumer to filter message by SQL92", refused.remark());
        assertEquals(ResponseCode.SUCCESS, check("TAG", "*").code(), "TAG needs no property filter");
    }

    @Test
    void unknownTypeAndBadBodyAreRefused() {
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, check("XPATH", "a").code());
        RemotingCommand bad = processor.processNow(null, RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG)
                .setBody("{not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.SYSTEM_ERROR, bad.code());
        assertTrue(bad.remark().startsWith("CHECK_CLIENT_CONFIG body is not a valid CheckClientRequestBody"));
    }
}
