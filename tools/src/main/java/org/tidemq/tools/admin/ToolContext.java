package org.tidemq.tools.admin;

import org.tidemq.client.admin.AdminClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What commands need from the outside world, injected so tests can capture output and replace the cluster.
 *
 * @param out           command output (the tables operators and scripts parse)
 * @param err           diagnostics
 * @param environment   process environment ({@code NAMESRV_ADDR})
 * @param adminFactory  opens an admin client for a {@code host:port;host:port} name server list
 * @param clock         "now" for time-relative options and ages
 */
public record ToolContext(PrintWriter out, PrintWriter err, Map<String, String> environment,
                          Function<String, AdminClient> adminFactory, Clock clock) {

    /** The real process: stdout/stderr, the JVM's environment, Netty-backed admin clients. */
    public static ToolContext system() {
        return new ToolContext(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                namesrv -> AdminClient.builder().namesrvAddr(namesrv).build(), Clock.systemDefaultZone());
    }
}
