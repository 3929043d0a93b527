package org.tidemq.broker.config;

import java.util.Objects;
import org.tidemq.common.protocol.Perm;

/**
 * Who this broker is in the cluster.
 *
 * @param brokerClusterName cluster it registers under (default {@code DefaultCluster})
 * @param brokerName        broker group name shared by a master and its slaves (default: local host name)
 * @param brokerId          0 for a master, &gt; 0 for a slave
 * @param brokerRole        replication role
 * @param brokerPermission  perm bits ANDed into every topic this broker registers (default 6 = read + write)
 */
public record BrokerIdentityConfig(String brokerClusterName, String brokerName, long brokerId, BrokerRole brokerRole,
                                   int brokerPermission) {

    public static final String DEFAULT_CLUSTER_NAME = "DefaultCluster";
    public static final long MASTER_ID = 0;

    public BrokerIdentityConfig {
        Checks.notBlank("brokerClusterName", brokerClusterName);
        Checks.notBlank("brokerName", brokerName);
        Objects.requireNonNull(brokerRole, "brokerRole");
        if (brokerRole.isMaster() && brokerId != MASTER_ID) {
            throw new BrokerConfigException("invalid value '" + brokerId + "' for brokerId: a " + brokerRole
                    + " must have brokerId 0");
        }
        if (!brokerRole.isMaster() && brokerId <= MASTER_ID) {
            throw new BrokerConfigException("invalid value '" + brokerId
                    + "' for brokerId: must be > 0 when brokerRole is SLAVE");
        }
        if (!Perm.isValid(brokerPermission)) {
            throw new BrokerConfigException("invalid value '" + brokerPermission
                    + "' for brokerPermission: must be a perm in 0..7");
        }
    }

    public boolean isMaster() {
        return brokerRole.isMaster();
    }
}
