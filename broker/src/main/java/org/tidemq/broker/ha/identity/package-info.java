/**
 * Who is on the other end of a classic HA connection. The classic stream carries no identity and must stay
 * byte-compatible with RocketMQ, so a TideMQ slave announces itself beside it, on its remoting connection to the
 * master ({@link org.tidemq.broker.ha.identity.SlaveAnnouncement}); the master matches the announcement to the HA
 * connection by the slave's address and port and refuses slaves of another broker group. RocketMQ slaves cannot
 * announce: the name servers' registrations name them ({@link org.tidemq.broker.ha.identity.NamesrvSlaveIdentifier}).
 * Until one of the two names a connection, the master neither streams to it nor counts its acknowledgements.
 */
package org.tidemq.broker.ha.identity;
