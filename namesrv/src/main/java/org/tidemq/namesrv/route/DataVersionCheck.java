package org.tidemq.namesrv.route;

import org.tidemq.common.protocol.DataVersion;

/**
 * QUERY_DATA_VERSION's answer.
 *
 * @param changed            the broker's version differs from the one it last registered (or it is unknown)
 * @param nameServerVersion  the version this name server holds for the broker, or null when it is not registered
 */
public record DataVersionCheck(boolean changed, DataVersion nameServerVersion) {
}
