package org.tidemq.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout under test is, and which private build dir (if any) its bin/ scripts must use. */
public final class TideMqHome {
    private TideMqHome() {
    }

    /** The checkout root: system property {@code tidemq.home} (set by failsafe), else found from the working dir. */
    public static Path root() {
        String configured = property("tidemq.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/mqnamesrv"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the TideMQ checkout (bin/mqnamesrv) above "
                    + Path.of("").toAbsolutePath() + "; set -Dtidemq.home");
        }
        return dir;
    }

    /** The {@code -Dtidemq.buildDir} of this build, or null for the default target/ dirs. */
    public static String buildDir() {
        return property("tidemq.buildDir");
    }

    /** A system property, treating an unresolved Maven placeholder ({@code ${…}}) or blank as absent. */
    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }
}
