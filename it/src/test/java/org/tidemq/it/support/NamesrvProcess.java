package org.tidemq.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A name server started the way an operator starts it: {@code sh bin/mqnamesrv -c namesrv.properties}, as a child
 * process on a free 127.0.0.1 port with its KV file and logs in a test's temp dir. {@link #close()} kills it.
 */
public final class NamesrvProcess implements AutoCloseable {
    public static final String BOOT_LINE = "The Name Server boot success.";

    private final ServerScript script;
    private final int port;
    private final Path workDir;

    private NamesrvProcess(ServerScript script, int port, Path workDir) {
        this.script = script;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts a name server with files under {@code workDir} and waits (up to 30 s) for its boot line. */
    public static NamesrvProcess start(Path workDir) throws IOException {
        return start(workDir, Map.of());
    }

    /** As {@link #start(Path)} with extra namesrv.properties entries. */
    public static NamesrvProcess start(Path workDir, Map<String, String> extraProperties) throws IOException {
        Files.createDirectories(workDir);
        int port = FreePort.pick();
        StringBuilder properties = new StringBuilder()
                .append("listenPort=").append(port).append('\n')
                .append("bindAddress=127.0.0.1\n")
                .append("kvConfigPath=").append(workDir.resolve("kvConfig.json").toString().replace("\\", "/")).append('\n');
        extraProperties.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Path config = workDir.resolve("namesrv.properties");
        Files.writeString(config, properties);

        ServerScript script = ServerScript.launch("mqnamesrv", List.of("-c", config.toString()), workDir, null);
        script.awaitLine(BOOT_LINE, "name server boot line");
        return new NamesrvProcess(script, port, workDir);
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as clients take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return script.pid();
    }

    public boolean isAlive() {
        return script.isAlive();
    }

    public String stdout() throws IOException {
        return script.stdout();
    }

    public String stderr() throws IOException {
        return script.stderr();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s; also any process it left behind. */
    @Override
    public void close() {
        script.close();
    }
}
