/** Wire protocol, remoting and the model shared by servers and clients. */
package org.tidemq.common;
