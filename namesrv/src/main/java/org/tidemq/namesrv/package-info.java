/** NameServer: the route registry brokers register with and clients ask. */
package org.tidemq.namesrv;
