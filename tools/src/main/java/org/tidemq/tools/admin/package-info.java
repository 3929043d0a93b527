/**
 * {@code bin/mqadmin}: {@link org.tidemq.tools.admin.MqAdmin} (entry point and error reporting), the shared command
 * base and output conventions; the commands themselves live in {@code command.*}, one class per command, grouped by
 * what they administer.
 */
package org.tidemq.tools.admin;
