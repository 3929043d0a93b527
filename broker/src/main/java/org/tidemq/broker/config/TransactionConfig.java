package org.tidemq.broker.config;

/**
 * Transactional (half) message checking.
 *
 * @param transactionTimeOutMs        a half message younger than this is not checked back yet
 * @param transactionCheckMax         check-backs before a half message is discarded
 * @param transactionCheckIntervalMs  how often the check-back service runs
 */
public record TransactionConfig(long transactionTimeOutMs, int transactionCheckMax, long transactionCheckIntervalMs) {

    public TransactionConfig {
        Checks.positive("transactionTimeOut", transactionTimeOutMs);
        Checks.positive("transactionCheckMax", transactionCheckMax);
        Checks.positive("transactionCheckInterval", transactionCheckIntervalMs);
    }

    public static TransactionConfig defaults() {
        return new TransactionConfig(6_000, 15, 60_000);
    }
}
