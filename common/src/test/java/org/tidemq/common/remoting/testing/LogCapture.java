package org.tidemq.common.remoting.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what one logger writes while open, so tests can assert on log lines. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Captures WARN and above (the logger keeps its level). */
    public LogCapture(Class<?> loggerOwner) {
        this(loggerOwner, null);
    }

    /** Captures with the logger lowered to {@code level} until closed. */
    public LogCapture(Class<?> loggerOwner, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerOwner);
        this.previousLevel = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** Every captured message at {@code level}. */
    public List<String> messages(Level level) {
        synchronized (appender.list) {
            return appender.list.stream()
                    .filter(event -> event.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** Formatted WARN-or-worse messages so far; each entry also records whether a stack trace was attached. */
    public List<String> warnings() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " [stack]"))
                    .toList();
        }
    }

    /** Turns a logger off until the returned handle is closed (for tests that provoke thousands of faults). */
    public static AutoCloseable silence(Class<?> loggerOwner) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerOwner);
        Level previous = logger.getLevel();
        logger.setLevel(Level.OFF);
        return () -> logger.setLevel(previous);
    }

    @Override
    public void close() {
        logger.setLevel(previousLevel);
        logger.detachAppender(appender);
        appender.stop();
    }
}
