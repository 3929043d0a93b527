package org.tidemq.namesrv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.namesrv.config.ConfigException;
import org.tidemq.namesrv.config.NamesrvConfig;
import org.tidemq.namesrv.config.NamesrvConfigMapper;
import org.tidemq.namesrv.kv.KvConfigLoadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mqnamesrv}: starts a name server in the foreground. Prints exactly one line to stdout once serving —
 * RocketMQ's {@code The Name Server boot success. serializeType=JSON, address <bind>:<port>} — and logs to
 * {@code ${tidemq.log.dir:-~/logs/rocketmqlogs}/namesrv.log}.
 */
@Command(name = "mqnamesrv", sortOptions = false,
        description = "Starts a TideMQ name server (RocketMQ protocol compatible).")
public final class NamesrvStartup implements Callable<Integer> {
    /** Bundled logging configuration, used unless {@code -Dlogback.configurationFile} names another. */
    static final String DEFAULT_LOGBACK_CONFIG = "org/tidemq/namesrv/logback-namesrv.xml";

    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Name server config properties file")
    Path configFile;

    @Option(names = {"-p", "--printConfigItem"}, description = "Print all config items and exit")
    boolean printConfig;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private NamesrvController controller;

    NamesrvStartup(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DEFAULT_LOGBACK_CONFIG);
        }
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0 || isInfoRequest(args)) {
            System.exit(exitCode);
        }
        // Transport and service threads are daemons: the main thread keeps the process alive until a signal.
        awaitShutdown();
    }

    private static void awaitShutdown() {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "NamesrvMainRelease"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isInfoRequest(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-p") || arg.equals("--printConfigItem")) {
                return true;
            }
        }
        return false;
    }

    /** Parses {@code args} and starts (or prints); returns the process exit code. Exposed for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        NamesrvStartup startup = new NamesrvStartup(out, err);
        CommandLine commandLine = new CommandLine(startup)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        NamesrvConfig config;
        try {
            NamesrvConfigMapper.Result mapped = NamesrvConfigMapper.fromProperties(loadProperties());
            config = mapped.config();
            if (printConfig) {
                mapped.warnings().forEach(warning -> err.println("WARN " + warning));
                out.print(NamesrvConfigMapper.toPropertiesText(config));
                out.flush();
                return 0;
            }
            Logger log = LoggerFactory.getLogger(NamesrvStartup.class);
            mapped.warnings().forEach(warning -> {
                log.warn(warning);
                err.println("WARN " + warning);
            });
            log.info("effective config:\n{}", NamesrvConfigMapper.toPropertiesText(config));
        } catch (ConfigException | IOException e) {
            err.println("mqnamesrv: " + e.getMessage());
            return 1;
        }
        controller = new NamesrvController(config);
        try {
            controller.start();
        } catch (KvConfigLoadException | RuntimeException e) {
            controller.shutdown();
            err.println("mqnamesrv: start failed: " + e.getMessage());
            LoggerFactory.getLogger(NamesrvStartup.class).error("start failed", e);
            return 1;
        }
        NamesrvController started = controller;
        Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "NamesrvShutdownHook"));
        String tip = "The Name Server boot success. serializeType=JSON, address " + config.bindAddress() + ':'
                + started.localPort();
        LoggerFactory.getLogger(NamesrvStartup.class).info(tip);
        out.println(tip);
        out.flush();
        return 0;
    }

    /** The running name server after a successful {@link #call()}; for tests. */
    NamesrvController controller() {
        return controller;
    }

    private Properties loadProperties() throws IOException {
        Properties properties = new Properties();
        if (configFile == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(configFile)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("config file " + configFile.toAbsolutePath() + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read config file " + configFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
