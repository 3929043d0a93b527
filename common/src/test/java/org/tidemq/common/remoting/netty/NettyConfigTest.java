package org.tidemq.common.remoting.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NettyConfigTest {

    private static void assertRejected(String field, Executable build) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, build);
        assertTrue(error.getMessage().startsWith(field + " "), error.getMessage());
    }

    @Test
    void serverDefaultsMatchRocketMq() {
        NettyServerConfig config = NettyServerConfig.defaults();
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(16 * 1024 * 1024, config.maxFrameBytes());
        assertEquals(120, config.idleSeconds());
        assertTrue(config.useEpoll());
        assertEquals(10911, config.withListenPort(10911).listenPort());
    }

    @Test
    void serverRejectsBadValuesNamingTheField() {
        NettyServerConfig base = NettyServerConfig.defaults();
        assertRejected("bindAddress", () -> base.withBindAddress(" "));
        assertRejected("listenPort", () -> base.withListenPort(65_536));
        assertRejected("listenPort", () -> base.withListenPort(-1));
        assertRejected("workerThreads", () -> base.withWorkerThreads(0));
        assertRejected("maxFrameBytes", () -> base.withMaxFrameBytes(7));
        assertRejected("idleSeconds", () -> base.withIdleSeconds(-1));
        assertEquals(0, base.withIdleSeconds(0).idleSeconds(), "control: 0 disables idle closing");
    }

    @Test
    void clientDefaultsAndValidation() {
        NettyClientConfig config = NettyClientConfig.defaults();
        assertEquals(3000, config.connectTimeoutMillis());
        assertEquals(16 * 1024 * 1024, config.maxFrameBytes());
        assertEquals(120, config.idleSeconds());
        assertRejected("connectTimeoutMillis", () -> config.withConnectTimeoutMillis(0));
        assertRejected("workerThreads", () -> config.withWorkerThreads(0));
        assertRejected("maxFrameBytes", () -> config.withMaxFrameBytes(0));
        assertRejected("idleSeconds", () -> config.withIdleSeconds(-5));
    }

    @Test
    void peerAddressesParseLikeRocketMqWritesThem() {
        assertEquals(new PeerAddress("127.0.0.1", 10911), PeerAddress.parse("127.0.0.1:10911"));
        assertEquals(new PeerAddress("::1", 9876), PeerAddress.parse("[::1]:9876"));
        assertEquals(new PeerAddress("broker-a.local", 1), PeerAddress.parse("broker-a.local:1"));
        for (String bad : new String[] {"", "host", ":1", "host:", "host:x", "host:0", "host:70000"}) {
            assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse(bad), bad);
        }
    }
}
