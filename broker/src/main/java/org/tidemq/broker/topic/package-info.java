/** The broker's topic table: system topics, admin changes, auto-creation, and {@code topics.json}. */
package org.tidemq.broker.topic;
