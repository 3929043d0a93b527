package org.tidemq.broker.persist;

import java.io.IOException;
import java.nio.file.Path;

/** A metadata file that cannot be read or decoded; the message names the file and the problem. */
public final class ConfigFileException extends IOException {
    private final transient Path file;

    public ConfigFileException(Path file, String problem, Throwable cause) {
        super("config file " + file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
