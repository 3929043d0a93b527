/** What the broker process runs on: request thread pools with queue-time accounting, and its advertised address. */
package org.tidemq.broker.runtime;
