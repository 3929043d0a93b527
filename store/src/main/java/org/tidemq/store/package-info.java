/** Storage engine: CommitLog, ConsumeQueue and index on memory-mapped files. No network code. */
package org.tidemq.store;
