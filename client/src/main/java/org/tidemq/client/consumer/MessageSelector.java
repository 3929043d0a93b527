package org.tidemq.client.consumer;

import java.util.Objects;

/**
 * Which messages of a topic a consumer reads: by tag ({@code *}, {@code TagA || TagB}) or by an SQL92 expression over
 * message properties (RocketMQ's {@code MessageSelector}). SQL92 needs {@code enablePropertyFilter=true} on the
 * broker; consumers check the expression with the broker when they subscribe and fail with the broker's reason.
 *
 * @param type       {@value #TAG} or {@value #SQL92}
 * @param expression the tag expression or the SQL92 expression
 */
public record MessageSelector(String type, String expression) {
    public static final String TAG = "TAG";
    public static final String SQL92 = "SQL92";

    public MessageSelector {
        Objects.requireNonNull(type, "type");
        if (!TAG.equals(type) && !SQL92.equals(type)) {
            throw new IllegalArgumentException("unknown selector type '" + type + "' (TAG or SQL92)");
        }
        if (SQL92.equals(type) && (expression == null || expression.isBlank())) {
            throw new IllegalArgumentException("an SQL92 selector needs an expression");
        }
        if (TAG.equals(type) && expression == null) {
            expression = "*";
        }
    }

    /** Messages whose properties satisfy {@code sql}, e.g. {@code a > 5 AND region IN ('eu', 'us')}. */
    public static MessageSelector bySql(String sql) {
        return new MessageSelector(SQL92, sql);
    }

    /** Messages whose tag matches {@code tagExpression}; null means {@code *}. */
    public static MessageSelector byTag(String tagExpression) {
        return new MessageSelector(TAG, tagExpression);
    }

    public boolean isSql92() {
        return SQL92.equals(type);
    }
}
