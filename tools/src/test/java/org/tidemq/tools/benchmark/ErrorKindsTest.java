package org.tidemq.tools.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tidemq.client.producer.SendException;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.ResponseCode;

import java.io.IOException;
import java.util.concurrent.CompletionException;

class ErrorKindsTest {

    @Test
    void brokerRefusalsAreNamedByTheirResponseCode() {
        assertEquals("SYSTEM_BUSY", ErrorKinds.of(new SendException("broker-a", ResponseCode.SYSTEM_BUSY, "busy", 3)));
        assertEquals("SYSTEM_BUSY", ErrorKinds.of(new CompletionException(
                new SendException("broker-a", ResponseCode.SYSTEM_BUSY, "busy", 1))));
        assertEquals("12345", ErrorKinds.of(new SendException("broker-a", 12345, "?", 1)));
    }

    @Test
    void timeoutsAreOneKindWhateverWrapsThem() {
        RemotingException timeout = new RemotingException.TimeoutException("127.0.0.1:10911", 3000);
        assertEquals(ErrorKinds.TIMEOUT, ErrorKinds.of(new CompletionException(new SendException("late", timeout))));
        assertEquals(ErrorKinds.TIMEOUT, ErrorKinds.of(new SendException("no outcome within 3500 ms", null)));
    }

    @Test
    void otherFailuresAreNamedByTheirRootCause() {
        assertEquals("IOException", ErrorKinds.of(new SendException("write failed", new IOException("reset"))));
        assertEquals("SEND_FAILED", ErrorKinds.of(new SendException("no route to publish topic T", null)));
        assertEquals("IllegalStateException", ErrorKinds.of(new IllegalStateException("closed")));
    }
}
