package org.tidemq.tools.admin;

import org.tidemq.client.admin.AdminClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link AdminClient} answering only the calls a test scripted (others fail the test), plus captured output:
 * enough to check a command's parsing and formatting without a cluster.
 */
public final class FakeCluster {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T10:15:30.123Z"), ZoneOffset.UTC);

    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    public final List<String> namesrvAddrs = new ArrayList<>();
    public final StringWriter out = new StringWriter();
    public final StringWriter err = new StringWriter();

    /** Answers calls of {@code method} (by name) with {@code answer(args)}. */
    public FakeCluster on(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    public AdminClient client() {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("close")) {
                return null;
            }
            calls.add(name);
            Function<Object[], Object> answer = answers.get(name);
            if (answer == null) {
                throw new AssertionError("unexpected admin call " + name);
            }
            return answer.apply(args == null ? new Object[0] : args);
        };
        return (AdminClient) Proxy.newProxyInstance(AdminClient.class.getClassLoader(),
                new Class<?>[] {AdminClient.class}, handler);
    }

    public ToolContext context(Map<String, String> environment) {
        return new ToolContext(new PrintWriter(out, true), new PrintWriter(err, true), environment, namesrv -> {
            namesrvAddrs.add(namesrv);
            return client();
        }, CLOCK);
    }

    public int run(String... args) {
        return MqAdmin.run(context(Map.of()), args);
    }

    public List<String> outLines() {
        return out.toString().lines().toList();
    }
}
