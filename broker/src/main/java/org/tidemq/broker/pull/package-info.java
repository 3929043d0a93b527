/**
 * Consumer pulls (PULL_MESSAGE 11): subscription and permission checks, the tag-hash filter, zero-copy response
 * bodies built from mapped CommitLog views, and long polling — a pull that finds nothing is parked per queue and
 * answered when a message for that queue is dispatched or its hold time ends.
 */
package org.tidemq.broker.pull;
