package org.tidemq.tools.benchmark;

import java.lang.reflect.InvocationTargetException;

/** Creates the {@link LoadClient} a run asked for. */
public final class LoadClients {
    /**
     * The official client's implementation, compiled only in bench/'s {@code apache-anchor} profile, so it is looked
     * up by name: tools/ may never depend on the official client.
     */
    public static final String OFFICIAL_CLIENT_CLASS = "org.tidemq.bench.client.RocketMqLoadClient";
    static final String OFFICIAL_CLIENT_MISSING = "the official client is not on the classpath; run via bench/: "
            + "mvn -B -pl bench -am package -DskipTests -Papache-anchor, then BENCHMARK_MODULE=bench bin/benchmark ...";

    private LoadClients() {
    }

    /**
     * A client of {@code kind} for {@code namesrvAddr}, not yet started.
     *
     * @throws ClientUnavailableException when {@code kind} is the official client and it is not on the classpath
     */
    public static LoadClient create(ClientKind kind, String namesrvAddr) {
        return switch (kind) {
            case TIDEMQ -> new TideLoadClient(namesrvAddr);
            case ROCKETMQ -> byClassName(OFFICIAL_CLIENT_CLASS, namesrvAddr);
        };
    }

    static LoadClient byClassName(String className, String namesrvAddr) {
        Class<?> type;
        try {
            type = Class.forName(className, true, LoadClients.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError missing) {
            throw new ClientUnavailableException(OFFICIAL_CLIENT_MISSING);
        }
        if (!LoadClient.class.isAssignableFrom(type)) {
            throw new ClientUnavailableException(className + " does not implement " + LoadClient.class.getName());
        }
        try {
            return (LoadClient) type.getConstructor(String.class).newInstance(namesrvAddr);
        } catch (NoClassDefFoundError missing) {
            throw new ClientUnavailableException(OFFICIAL_CLIENT_MISSING);
        } catch (InvocationTargetException failed) {
            throw new ClientUnavailableException("cannot create " + className + ": " + failed.getCause());
        } catch (ReflectiveOperationException notUsable) {
            throw new ClientUnavailableException(className + " has no public constructor taking the name server "
                    + "address: " + notUsable);
        }
    }

    /** The requested client library can not be used here; the message says what to do. */
    public static final class ClientUnavailableException extends RuntimeException {
        public ClientUnavailableException(String message) {
            super(message);
        }
    }
}
