/**
 * Admin requests the official {@code mqadmin} / {@code DefaultMQAdminExt} send to a broker (facts §4.9): topic
 * create/delete/list, broker config and runtime info, topic stats. Served on an executor of their own so admin calls
 * never queue behind (or in front of) sends and pulls.
 */
package org.tidemq.broker.admin;
