package org.tidemq.it.support;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened — processes, clients, clusters — newest first, after each test, whether it passed or
 * not; one failing close does not keep the rest open. Register it as an instance field with
 * {@code @RegisterExtension}. Not thread-safe: used from the test's own thread.
 */
public final class Closer implements AfterEachCallback {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Closes {@code closeable} after the test (before anything tracked earlier); returns it. */
    public <T extends AutoCloseable> T track(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    /** Closes everything tracked so far, newest first. */
    public void closeAll() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // keep closing the rest: a process left running would outlive the test
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
    }
}
