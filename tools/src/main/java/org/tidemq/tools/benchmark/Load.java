package org.tidemq.tools.benchmark;

import java.util.Optional;

/**
 * A running load: started once, stopped once. Implementations record into the {@link LoadStats} they were given.
 * {@link #stop()} may be called from a shutdown hook while {@link #start()}'s threads run; it returns once no
 * request is in flight any more, or after a bounded wait.
 */
public interface Load {

    void start();

    void stop();

    /** How the run's scheduled messages fired, for a load that schedules them; read after {@link #stop()}. */
    default Optional<FiringSummary> firing() {
        return Optional.empty();
    }
}
