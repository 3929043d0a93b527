package org.tidemq.broker.pull;

/** The {@code sysFlag} bits of a pull request (facts §4.2). */
public final class PullSysFlag {
    public static final int COMMIT_OFFSET = 1;
    public static final int SUSPEND = 1 << 1;
    public static final int SUBSCRIPTION = 1 << 2;
    public static final int CLASS_FILTER = 1 << 3;
    public static final int LITE_PULL = 1 << 4;

    private PullSysFlag() {
    }

    public static boolean hasCommitOffset(int sysFlag) {
        return (sysFlag & COMMIT_OFFSET) != 0;
    }

    public static boolean hasSuspend(int sysFlag) {
        return (sysFlag & SUSPEND) != 0;
    }

    public static boolean hasSubscription(int sysFlag) {
        return (sysFlag & SUBSCRIPTION) != 0;
    }
}
