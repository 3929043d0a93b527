package org.tidemq.common.message;

/**
 * Outcome of checking the bytes at one CommitLog position. Mutable and reused by one scanning thread, so scans of
 * millions of records allocate nothing per record.
 */
public final class RecordCheck {

    /** What the bytes at the position are. */
    public enum Kind {
        /** A complete, valid message record of {@link #size()} bytes. */
        MESSAGE,
        /** The end-of-segment filler; the next record starts in the next segment. */
        BLANK,
        /** Zeros: nothing was ever written here. */
        END,
        /** A plausible header whose record extends past the readable limit (not fully written yet, or torn). */
        INCOMPLETE,
        /** Bytes that are not a valid record (see {@link #problem()}). */
        CORRUPT
    }

    private Kind kind;
    private int size;
    private int sysFlag;
    private int magic;
    private int bodyLength;
    private int topicLength;
    private String problem;

    RecordCheck set(Kind kind, int size, String problem) {
        this.kind = kind;
        this.size = size;
        this.problem = problem;
        return this;
    }

    void setLayout(int magic, int sysFlag, int bodyLength, int topicLength) {
        this.magic = magic;
        this.sysFlag = sysFlag;
        this.bodyLength = bodyLength;
        this.topicLength = topicLength;
    }

    public Kind kind() {
        return kind;
    }

    /** Record size (MESSAGE, BLANK, INCOMPLETE's announced size), else 0. */
    public int size() {
        return size;
    }

    public int sysFlag() {
        return sysFlag;
    }

    public int magic() {
        return magic;
    }

    public int bodyLength() {
        return bodyLength;
    }

    public int topicLength() {
        return topicLength;
    }

    /** Why the record is CORRUPT or INCOMPLETE; null otherwise. */
    public String problem() {
        return problem;
    }
}
