package org.tidemq.tools.admin;

import org.tidemq.client.admin.AdminClient;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * Base of every {@code mqadmin} sub-command: the shared {@code -n}/{@code --verbose} options, the name-server
 * lookup ({@code -n}, else {@code NAMESRV_ADDR}, like Apache's tool) and the admin client's lifetime.
 *
 * <p>Subclasses print results to {@link ToolContext#out()} and report operator-fixable problems by throwing
 * {@link ToolFailure}; the admin client's own exceptions are turned into one-line messages by {@link MqAdmin}.
 */
public abstract class AdminCommand implements Callable<Integer> {
    static final String NAMESRV_ENV = "NAMESRV_ADDR";

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDR",
            description = "Name server address list, e.g. '192.168.0.1:9876;192.168.0.2:9876' "
                    + "(default: the NAMESRV_ADDR environment variable)")
    String namesrvAddr;

    @Option(names = "--verbose", description = "Print the full stack trace when the command fails")
    boolean verbose;

    private ToolContext context;

    void bind(ToolContext value) {
        this.context = value;
    }

    protected final ToolContext context() {
        return context;
    }

    boolean verbose() {
        return verbose;
    }

    /**
     * True when an option value may look like an option ({@code --attributes=-key}), as Apache's parser accepts for
     * attached values; picocli otherwise reads such a value as options and refuses the command line.
     */
    protected boolean acceptsOptionLikeValues() {
        return false;
    }

    @Override
    public final Integer call() {
        try (AdminClient admin = context.adminFactory().apply(resolveNamesrv())) {
            run(admin);
        }
        context.out().flush();
        return 0;
    }

    /** The name servers to use: {@code -n}, else {@code NAMESRV_ADDR}; one of them is required. */
    protected final String resolveNamesrv() {
        String value = namesrvAddr != null ? namesrvAddr : context.environment().get(NAMESRV_ENV);
        if (value == null || value.isBlank()) {
            throw new ToolFailure("no name server: pass -n host:port or set " + NAMESRV_ENV);
        }
        return value.trim();
    }

    /** Runs the command against the cluster; output goes to {@code context().out()}. */
    protected abstract void run(AdminClient admin);

    /** printf to the command output. */
    protected final void printf(String format, Object... args) {
        context.out().printf(format, args);
    }
}
