package org.tidemq.client.route;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The name-server list a client uses: {@code host:port} entries separated by {@code ;}, taken from explicit
 * configuration, else system property {@value #SYSTEM_PROPERTY}, else environment variable {@value #ENV_VARIABLE}
 * (facts §8).
 */
public final class NameServerAddresses {
    public static final String SYSTEM_PROPERTY = "rocketmq.namesrv.addr";
    public static final String ENV_VARIABLE = "NAMESRV_ADDR";

    private NameServerAddresses() {
    }

    /** Resolves from the process's system properties and environment when {@code explicit} is null or blank. */
    public static List<String> resolve(String explicit) {
        return resolve(explicit, System::getProperty, System::getenv);
    }

    /**
     * @throws IllegalArgumentException when no source gives an address, or an entry is not {@code host:port}
     */
    public static List<String> resolve(String explicit, UnaryOperator<String> systemProperties,
                                       UnaryOperator<String> environment) {
        String text = explicit;
        if (isBlank(text)) {
            text = systemProperties.apply(SYSTEM_PROPERTY);
        }
        if (isBlank(text)) {
            text = environment.apply(ENV_VARIABLE);
        }
        if (isBlank(text)) {
            throw new IllegalArgumentException("no name server address: set namesrvAddr, system property "
                    + SYSTEM_PROPERTY + " or environment variable " + ENV_VARIABLE);
        }
        return parse(text);
    }

    /** Splits {@code a:9876;b:9876}, checking each entry. */
    public static List<String> parse(String text) {
        List<String> addresses = new ArrayList<>();
        for (String part : text.split(";")) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new IllegalArgumentException("name server address must be host:port but was '" + address + "'");
            }
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("name server port out of range in '" + address + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("name server port is not a number in '" + address + "'", e);
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("name server address list is empty: '" + text + "'");
        }
        return List.copyOf(addresses);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
