/**
 * Message lookups for tools and clients: QUERY_MESSAGE by key or unique key through the store's index, and
 * VIEW_MESSAGE_BY_ID by commit-log offset. Records leave as views of the CommitLog.
 */
package org.tidemq.broker.query;
