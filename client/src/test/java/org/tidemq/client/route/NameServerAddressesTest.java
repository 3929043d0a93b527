package org.tidemq.client.route;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameServerAddressesTest {

    @Test
    void explicitThenSystemPropertyThenEnvironment() {
        Map<String, String> props = Map.of(NameServerAddresses.SYSTEM_PROPERTY, "p:1");
        Map<String, String> env = Map.of(NameServerAddresses.ENV_VARIABLE, "e:2;f:3");

        assertEquals(List.of("a:9876", "b:9876"), NameServerAddresses.resolve("a:9876; b:9876;", props::get, env::get));
        assertEquals(List.of("p:1"), NameServerAddresses.resolve(null, props::get, env::get));
        assertEquals(List.of("e:2", "f:3"), NameServerAddresses.resolve(" ", k -> null, env::get));
    }

    @Test
    void namesEveryProblem() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> NameServerAddresses.resolve(null, k -> null, k -> null));
        assertTrue(none.getMessage().contains("rocketmq.namesrv.addr") && none.getMessage().contains("NAMESRV_ADDR"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameServerAddresses.parse("hostonly"))
                .getMessage().contains("host:port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameServerAddresses.parse("h:99999"))
                .getMessage().contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NameServerAddresses.parse("h:abc"))
                .getMessage().contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> NameServerAddresses.parse(";;"));
    }
}
