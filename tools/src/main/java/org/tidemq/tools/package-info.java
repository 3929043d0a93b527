/** Operator tools: mqadmin and the benchmark tool (arrive with the tools issue). */
package org.tidemq.tools;
