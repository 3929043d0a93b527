package org.tidemq.broker.filter;

/** A malformed SQL92 expression; the message names the problem and the 0-based character position. */
public final class SqlSyntaxException extends Exception {
    private final int position;

    public SqlSyntaxException(String problem, int position) {
        super(problem + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
