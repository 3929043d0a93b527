package org.tidemq.client.admin;

/**
 * One client connection as a broker lists it.
 *
 * @param clientId   the client's id ({@code ip@instance})
 * @param clientAddr the connection's remote {@code ip:port}
 * @param language   client language ({@code JAVA}, …)
 * @param version    client version ordinal
 */
public record Connection(String clientId, String clientAddr, String language, int version) {
}
