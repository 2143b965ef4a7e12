package io.bigr.discovery.db;

import io.bigr.discovery.core.SwitchInfo;
import io.bigr.discovery.core.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Registered SNMP switches. Secrets go in and come out only as the stored (encrypted) text through
 * {@link #credentials}; {@link #all} returns {@link SwitchInfo}, which has no secret in it.
 */
public interface SwitchDao {
    /** Stored credentials of one switch, secrets still encrypted. Never serialised. */
    record Credentials(String host, String community, String version, String label, String snmpUser,
                       String authProtocol, String authSecret, String privProtocol, String privSecret) {
        @Override
        public String toString() {
            return "Credentials[host=" + host + ", version=" + version + "]";
        }
    }

    @SqlUpdate("""
            INSERT INTO switches (host, community, version, label, mac_count, snmp_user, auth_protocol, auth_secret,
                                  priv_protocol, priv_secret)
            VALUES (:host, :community, :version, :label, 0, :snmpUser, :authProtocol, :authSecret, :privProtocol,
                    :privSecret)
            ON CONFLICT (host) DO UPDATE SET community = excluded.community, version = excluded.version,
                   label = excluded.label, snmp_user = excluded.snmp_user, auth_protocol = excluded.auth_protocol,
                   auth_secret = excluded.auth_secret, priv_protocol = excluded.priv_protocol,
                   priv_secret = excluded.priv_secret""")
    void upsert(String host, String community, String version, String label, String snmpUser, String authProtocol,
                String authSecret, String privProtocol, String privSecret);

    /** Registers or updates a switch; secrets must already be encrypted by the caller. */
    default void save(Credentials c) {
        upsert(c.host(), c.community(), c.version(), c.label() == null ? "" : c.label(), c.snmpUser(),
                c.authProtocol(), c.authSecret(), c.privProtocol(), c.privSecret());
    }

    /** True when the switch was registered. */
    @SqlUpdate("DELETE FROM switches WHERE host = :host")
    boolean remove(String host);

    @SqlQuery("SELECT host, version, label, last_polled, mac_count, snmp_user, community, auth_secret FROM switches")
    @RegisterRowMapper(InfoMapper.class)
    List<SwitchInfo> unordered();

    /** Every registered switch, ordered by host. */
    default List<SwitchInfo> all() {
        List<SwitchInfo> all = new ArrayList<>(unordered());
        all.sort(Comparator.comparing(SwitchInfo::host));
        return all;
    }

    @SqlQuery("""
            SELECT host, community, version, label, snmp_user, auth_protocol, auth_secret, priv_protocol, priv_secret
            FROM switches""")
    @RegisterConstructorMapper(Credentials.class)
    List<Credentials> credentials();

    @SqlQuery("""
            SELECT host, community, version, label, snmp_user, auth_protocol, auth_secret, priv_protocol, priv_secret
            FROM switches WHERE host = :host""")
    @RegisterConstructorMapper(Credentials.class)
    Optional<Credentials> credentials(String host);

    @SqlUpdate("UPDATE switches SET last_polled = :polledAt, mac_count = :macCount WHERE host = :host")
    int pollStats(String host, Instant polledAt, int macCount);

    /** Stamps a finished poll with the current time. */
    default void recordPoll(String host, int macCount) {
        pollStats(host, Timestamps.now(), macCount);
    }

    class InfoMapper implements RowMapper<SwitchInfo> {
        @Override
        public SwitchInfo map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            boolean configured = rs.getString("community") != null || rs.getString("auth_secret") != null;
            return new SwitchInfo(rs.getString("host"), rs.getString("version"), rs.getString("label"),
                    Jdbc.instant(rs, "last_polled"), rs.getInt("mac_count"), rs.getString("snmp_user"), configured);
        }
    }
}
