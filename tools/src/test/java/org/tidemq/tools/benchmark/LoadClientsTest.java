package org.tidemq.tools.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

class LoadClientsTest {

    @Test
    void theTideMqClientIsAlwaysThere() {
        assertInstanceOf(TideLoadClient.class, LoadClients.create(ClientKind.TIDEMQ, "127.0.0.1:9876"));
    }

    @Test
    void aClientOnTheClasspathIsCreatedByNameWithTheNameServerAddress() {
        LoadClient client = LoadClients.byClassName(NamedClient.class.getName(), "127.0.0.1:1234");
        assertEquals("127.0.0.1:1234", ((NamedClient) client).namesrvAddr);
    }

    @Test
    void aMissingOrUnsuitableClassIsOneClearMessage() {
        LoadClients.ClientUnavailableException missing = assertThrows(LoadClients.ClientUnavailableException.class,
                () -> LoadClients.create(ClientKind.ROCKETMQ, "h:1"));
        assertTrue(missing.getMessage().startsWith("the official client is not on the classpath"));
        LoadClients.ClientUnavailableException unsuitable = assertThrows(
                LoadClients.ClientUnavailableException.class, () -> LoadClients.byClassName("java.lang.String", "h:1"));
        assertEquals("java.lang.String does not implement " + LoadClient.class.getName(), unsuitable.getMessage());
    }

    /** Stands in for the official client's implementation, which only bench/'s apache-anchor profile compiles. */
    public static final class NamedClient implements LoadClient {
        final String namesrvAddr;

        public NamedClient(String namesrvAddr) {
            this.namesrvAddr = namesrvAddr;
        }

        @Override
        public void startProducer(String group) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome send(String topic, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome send(String topic, byte[] body, Schedule schedule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<SendOutcome> sendAsync(String topic, byte[] body, Schedule schedule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startTransactionProducer(String group) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome sendInTransaction(String topic, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome sendBatch(String topic, List<byte[]> bodies) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SendOutcome sendBatch(String topic, List<byte[]> bodies, Schedule schedule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<SendOutcome> sendBatchAsync(String topic, List<byte[]> bodies, Schedule schedule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startConsumer(String group, String topic, boolean fromFirstOffset, int threads,
                                  ConsumedListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
