package org.tidemq.common.protocol;

/** {@code topicSysFlag} bits of a topic (unit-mode markers kept for compatibility). */
public final class TopicSysFlag {
    public static final int UNIT = 1;
    public static final int UNIT_SUB = 1 << 1;

    private TopicSysFlag() {
    }

    public static boolean hasUnitFlag(int sysFlag) {
        return (sysFlag & UNIT) == UNIT;
    }

    public static boolean hasUnitSubFlag(int sysFlag) {
        return (sysFlag & UNIT_SUB) == UNIT_SUB;
    }
}
