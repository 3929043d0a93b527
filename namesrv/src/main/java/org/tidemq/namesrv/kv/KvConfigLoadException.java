package org.tidemq.namesrv.kv;

import java.nio.file.Path;

/** The KV config file exists but cannot be read or is not valid; the message names the file and the problem. */
public final class KvConfigLoadException extends Exception {
    public KvConfigLoadException(Path file, String problem, Throwable cause) {
        super("cannot load KV config file " + file.toAbsolutePath() + ": " + problem, cause);
    }
}
