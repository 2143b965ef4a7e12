package io.bigr.discovery.db;

import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.core.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** TLS certificates, one row per (ip, port). Expiry facts are recomputed by the caller on read. */
@RegisterRowMapper(CertificateDao.Mapper.class)
public interface CertificateDao {
    String COLUMNS = "id, ip, port, cn, issuer, issuer_org, valid_from, valid_to, serial, key_size, key_algorithm,"
            + " is_self_signed, is_expired, days_until_expiry, san, last_checked, signature_algorithm";

    /** Insert, or replace every descriptive column of the (ip, port) row. */
    @SqlUpdate("""
            INSERT INTO certificates (ip, port, cn, issuer, issuer_org, valid_from, valid_to, serial, key_size,
                                      key_algorithm, signature_algorithm, is_self_signed, is_expired, days_until_expiry,
                                      san, last_checked)
            VALUES (:ip, :port, :cn, :issuer, :issuerOrg, :validFrom, :validTo, :serial, :keySize, :keyAlgorithm,
                    :signatureAlgorithm, :isSelfSigned, :isExpired, :daysUntilExpiry, :sanJson, :lastChecked)
            ON CONFLICT (ip, port) DO UPDATE SET cn = excluded.cn, issuer = excluded.issuer,
                   issuer_org = excluded.issuer_org, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
                   serial = excluded.serial, key_size = excluded.key_size, key_algorithm = excluded.key_algorithm,
                   signature_algorithm = excluded.signature_algorithm, is_self_signed = excluded.is_self_signed,
                   is_expired = excluded.is_expired, days_until_expiry = excluded.days_until_expiry,
                   san = excluded.san, last_checked = excluded.last_checked""")
    void upsert(@BindMethods Row row);

    /** Binding view of a certificate: SAN as JSON text. */
    record Row(Certificate c) {
        public String ip() { return c.ip(); }
        public int port() { return c.port(); }
        public String cn() { return c.cn(); }
        public String issuer() { return c.issuer(); }
        public String issuerOrg() { return c.issuerOrg(); }
        public Instant validFrom() { return c.validFrom(); }
        public Instant validTo() { return c.validTo(); }
        public String serial() { return c.serial(); }
        public Integer keySize() { return c.keySize(); }
        public String keyAlgorithm() { return c.keyAlgorithm(); }
        public String signatureAlgorithm() { return c.signatureAlgorithm(); }
        public boolean isSelfSigned() { return c.isSelfSigned(); }
        public boolean isExpired() { return c.isExpired(); }
        public Integer daysUntilExpiry() { return c.daysUntilExpiry(); }
        public String sanJson() { return Json.write(c.san()); }
        public Instant lastChecked() { return c.lastChecked(); }
    }

    /** Upserts on (ip, port), stamping last_checked and recomputing expiry from valid_to. */
    default void save(Certificate c) {
        Instant now = Timestamps.now();
        Certificate stamped = new Certificate(null, c.ip(), c.port(), c.cn(), c.issuer(), c.issuerOrg(), c.validFrom(),
                c.validTo(), c.serial(), c.keySize(), c.keyAlgorithm(), c.isSelfSigned(), c.isExpired(),
                c.daysUntilExpiry(), c.san(), now, c.signatureAlgorithm()).asOf(now);
        upsert(new Row(stamped));
    }

    /** Rows as stored; {@link #all} recomputes their expiry facts. */
    @SqlQuery("SELECT " + COLUMNS + " FROM certificates ORDER BY last_checked DESC, id DESC")
    List<Certificate> stored();

    /** Every certificate, newest check first, expiry facts as of now. */
    default List<Certificate> all() {
        Instant now = Instant.now();
        return stored().stream().map(c -> c.asOf(now)).toList();
    }

    /** Certificates whose (recomputed) days until expiry are at most {@code days}, soonest first; includes expired. */
    default List<Certificate> expiring(int days) {
        Instant now = Instant.now();
        Instant cutoff = now.plus(Duration.ofDays(days + 1L));
        return expiringBefore(cutoff, days).stream()
                .map(c -> c.asOf(now))
                .filter(c -> c.daysUntilExpiry() != null && c.daysUntilExpiry() <= days)
                .sorted(Comparator.comparing(Certificate::daysUntilExpiry))
                .toList();
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM certificates WHERE ip = :ip AND port = :port")
    java.util.Optional<Certificate> find(String ip, int port);

    /** Candidates for "expiring within N days": valid_to before the cutoff, or legacy rows with only a day count. */
    @SqlQuery("SELECT " + COLUMNS + " FROM certificates WHERE (valid_to IS NOT NULL AND valid_to < :cutoff)"
            + " OR (valid_to IS NULL AND days_until_expiry IS NOT NULL AND days_until_expiry <= :days)")
    List<Certificate> expiringBefore(Instant cutoff, int days);

    class Mapper implements RowMapper<Certificate> {
        @Override
        public Certificate map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            Integer keySize = Jdbc.integer(rs, "key_size");
            Integer days = Jdbc.integer(rs, "days_until_expiry");
            Integer port = Jdbc.integer(rs, "port");
            return new Certificate(rs.getLong("id"), rs.getString("ip"), port == null ? 0 : port, rs.getString("cn"),
                    rs.getString("issuer"), rs.getString("issuer_org"), Jdbc.instant(rs, "valid_from"),
                    Jdbc.instant(rs, "valid_to"), rs.getString("serial"),
                    keySize, rs.getString("key_algorithm"),
                    rs.getBoolean("is_self_signed"), rs.getBoolean("is_expired"),
                    days, Json.parseStrings(rs.getString("san")),
                    Jdbc.instant(rs, "last_checked"), rs.getString("signature_algorithm"));
        }
    }
}
