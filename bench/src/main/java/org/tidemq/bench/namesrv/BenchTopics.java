package org.tidemq.bench.namesrv;

/** Names of the benchmark's topics, cluster and fake brokers, shared by registration, verification and load. */
final class BenchTopics {
    static final String CLUSTER = "BenchCluster";
    static final String[] BROKER_NAMES = {"bench-broker-a", "bench-broker-b"};
    /** Queues per topic on each broker; routes are checked against it. */
    static final int QUEUES = 8;
    /** PERM_READ | PERM_WRITE. */
    static final int PERM = 6;
    private static final int FIRST_BROKER_PORT = 20911;
    private static final int BROKER_PORT_STEP = 10;

    private BenchTopics() {
    }

    static String name(int index) {
        return "BenchTopic_" + index;
    }

    /** The address a fake broker registers (nothing listens there: route lookups never dial brokers). */
    static String brokerAddress(int broker) {
        return "127.0.0.1:" + (FIRST_BROKER_PORT + broker * BROKER_PORT_STEP);
    }

    static String haAddress(int broker) {
        return "127.0.0.1:" + (FIRST_BROKER_PORT + 1 + broker * BROKER_PORT_STEP);
    }
}
