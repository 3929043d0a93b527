package org.tidemq.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BrokerEnvironmentTest {

    @Test
    void defaultAddressIsAnIpv4LiteralAndNotLoopbackUnlessThereIsNoOther() throws Exception {
        String address = BrokerEnvironment.firstNonLoopbackAddress();
        InetAddress parsed = InetAddress.getByName(address);
        assertTrue(parsed instanceof Inet4Address, address);
        assertEquals(address, parsed.getHostAddress(), "a literal, not a name");
        if (!"127.0.0.1".equals(address)) {
            assertFalse(parsed.isLoopbackAddress() || parsed.isLinkLocalAddress(), address);
        }
    }

    @Test
    void systemEnvironmentResolvesEveryDefault() {
        BrokerEnvironment env = BrokerEnvironment.system();
        assertFalse(env.localHostName().get().isBlank());
        assertTrue(env.availableProcessors() >= 1);
        assertEquals(Path.of(System.getProperty("user.home")), env.userHome());
    }

    @Test
    void processorCountMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new BrokerEnvironment(k -> null, k -> null, () -> "h",
                () -> "127.0.0.1", 0, Path.of("/tmp")));
    }
}
