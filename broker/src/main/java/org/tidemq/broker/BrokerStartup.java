package org.tidemq.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.broker.config.BrokerEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mqbroker}: starts a broker in the foreground. Prints exactly one line to stdout once serving — RocketMQ's
 * {@code The broker[<name>, <ip>:<port>] boot success. serializeType=JSON and name server is <addr>} — and logs to
 * {@code ${tidemq.log.dir:-~/logs/rocketmqlogs}/broker.log}. SIGTERM shuts it down cleanly (unregister, offsets
 * persisted, store closed).
 */
@Command(name = "mqbroker", sortOptions = false,
        description = "Starts a TideMQ broker (RocketMQ protocol compatible).")
public final class BrokerStartup implements Callable<Integer> {
    /** Bundled logging configuration, used unless {@code -Dlogback.configurationFile} names another. */
    static final String DEFAULT_LOGBACK_CONFIG = "org/tidemq/broker/logback-broker.xml";

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Broker config properties file")
    Path configFile;

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDR",
            description = "Name server address list, e.g. '192.168.0.1:9876;192.168.0.2:9876'")
    String namesrvAddr;

    @Option(names = {"-p", "--printConfigItem"}, description = "Print all config items and exit")
    boolean printConfig;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final BrokerEnvironment environment;
    private BrokerController controller;

    BrokerStartup(PrintStream out, PrintStream err, BrokerEnvironment environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DEFAULT_LOGBACK_CONFIG);
        }
        BrokerStartup startup = new BrokerStartup(System.out, System.err, BrokerEnvironment.system());
        int exitCode = execute(startup, args);
        if (exitCode != 0 || startup.controller == null) {
            System.exit(exitCode);
        }
        BrokerController started = startup.controller;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.shutdown();
            stopped.countDown();
        }, "BrokerShutdownHook"));
        // Transport and service threads are daemons: the main thread keeps the process alive until a signal.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses {@code args} and starts (or prints); returns the exit code. Exposed for tests. */
    static int execute(BrokerStartup startup, String[] args) {
        CommandLine commandLine = new CommandLine(startup)
                .setOut(new PrintWriter(startup.out, true))
                .setErr(new PrintWriter(startup.err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        BrokerConfig config;
        try {
            BrokerConfigMapper.Result mapped = BrokerConfigMapper.map(loadProperties(), environment);
            config = mapped.config();
            if (printConfig) {
                mapped.warnings().forEach(warning -> err.println("WARN " + warning));
                out.print(propertiesText(config));
                out.flush();
                return 0;
            }
            Logger log = LoggerFactory.getLogger(BrokerStartup.class);
            mapped.warnings().forEach(warning -> {
                log.warn(warning);
                err.println("WARN " + warning);
            });
            log.info("effective config:\n{}", propertiesText(config));
        } catch (IllegalArgumentException | IOException e) {
            err.println("mqbroker: " + e.getMessage());
            return 1;
        }
        BrokerController starting = new BrokerController(config, Clock.systemUTC(), configFile);
        try {
            starting.start();
        } catch (IOException | RuntimeException e) {
            err.println("mqbroker: start failed: " + e.getMessage());
            LoggerFactory.getLogger(BrokerStartup.class).error("start failed", e);
            return 1;
        }
        controller = starting;
        String tip = "The broker[" + config.identity().brokerName() + ", " + starting.brokerAddr()
                + "] boot success. serializeType=JSON";
        if (!config.network().namesrvAddrs().isEmpty()) {
            tip += " and name server is " + config.network().namesrvAddr();
        }
        LoggerFactory.getLogger(BrokerStartup.class).info(tip);
        out.println(tip);
        out.flush();
        return 0;
    }

    /** The running broker after a successful {@link #call()}; for tests. */
    BrokerController controller() {
        return controller;
    }

    static String propertiesText(BrokerConfig config) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(BrokerConfigMapper.toProperties(config)).entrySet()) {
            text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        return text.toString();
    }

    private Properties loadProperties() throws IOException {
        Properties properties = new Properties();
        if (configFile != null) {
            try (InputStream in = Files.newInputStream(configFile)) {
                properties.load(in);
            } catch (NoSuchFileException e) {
                throw new IOException("config file " + configFile.toAbsolutePath() + " does not exist", e);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot read config file " + configFile.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
        }
        if (namesrvAddr != null) {
            properties.setProperty("namesrvAddr", namesrvAddr);
        }
        return properties;
    }
}
