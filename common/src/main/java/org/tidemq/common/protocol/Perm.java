package org.tidemq.common.protocol;

/** Topic permission bits ({@code PermName}): what a broker lets clients do with a topic's queues. */
public final class Perm {
    /** Priority topic (unused by clients; bit 3). */
    public static final int PRIORITY = 1 << 3;
    public static final int READ = 1 << 2;
    public static final int WRITE = 1 << 1;
    /** May serve as the template for auto-created topics (TBW102, cluster and broker-name topics). */
    public static final int INHERIT = 1;
    public static final int READ_WRITE = READ | WRITE;

    private Perm() {
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) == READ;
    }

    public static boolean isWriteable(int perm) {
        return (perm & WRITE) == WRITE;
    }

    public static boolean isInherited(int perm) {
        return (perm & INHERIT) == INHERIT;
    }

    /** Valid topic perms are 0..7: PRIORITY is never accepted from a user. */
    public static boolean isValid(int perm) {
        return perm >= 0 && perm < PRIORITY;
    }

    /** {@code RW-}, {@code R--}, {@code RWX} … as the admin tool prints. */
    public static String describe(int perm) {
        return (isReadable(perm) ? "R" : "-") + (isWriteable(perm) ? "W" : "-") + (isInherited(perm) ? "X" : "-");
    }
}
