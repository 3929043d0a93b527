package org.tidemq.broker.filter;

import java.nio.ByteBuffer;
import org.tidemq.store.MessageFilter;

/**
 * The store filter of one SQL92 pull: every ConsumeQueue entry passes the tag stage, then the record's properties
 * are evaluated in place. Holds per-pull evaluation state, so one instance serves one pull on one thread.
 */
public final class SqlMessageFilter implements MessageFilter {
    private final SqlExpression expression;
    private final SqlContext context;
    private final SqlValue scratch = new SqlValue();

    public SqlMessageFilter(SqlExpression expression) {
        this.expression = expression;
        this.context = expression.newContext();
    }

    @Override
    public boolean isMatchedByTagsCode(long tagsCode) {
        return true;
    }

    @Override
    public boolean isMatchedByRecord(ByteBuffer record) {
        return expression.evaluate(context, record, scratch) == SqlExpression.Result.TRUE;
    }
}
