/**
 * SQL92 property filtering (RocketMQ {@code MessageSelector.bySql}): a hand-written lexer and recursive-descent
 * parser compile an expression once per subscription into an immutable tree, which the pull path evaluates against
 * the properties of each stored record without copying the record or throwing.
 */
package org.tidemq.broker.filter;
