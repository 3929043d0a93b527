/** Client library: producer, consumers, admin client (arrives with the broker issue). */
package org.tidemq.client;
