package io.bigr.discovery.schedule;

import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Databases;
import io.bigr.discovery.db.Dialect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lock per scheduled job, held for the whole run.
 *
 * <p>PostgreSQL (several servers on one database): a session advisory lock ({@code pg_try_advisory_lock}) on a
 * dedicated connection opened for the run, never a pooled one. When a server dies its connection drops and the
 * lock is released by PostgreSQL itself, so another server can take the job over: no lease to expire, no clock to
 * trust. SQLite (one host): an in-process lock per database file and job.
 */
public interface JobLocks {
    /** A held lock. {@link #held()} tells whether it is still ours (false once the connection has gone). */
    interface Lock extends AutoCloseable {
        boolean held();

        @Override
        void close();
    }

    /** The lock of {@code jobKey}, or empty when another holder has it. */
    Optional<Lock> tryLock(String jobKey) throws SQLException;

    static JobLocks forDatabase(BigrDataSourceFactory database) {
        return database.getDialect() == Dialect.POSTGRESQL ? new Advisory(database) : new InProcess(database.getUrl());
    }

    /** 64-bit advisory key of a job: the first 8 bytes of SHA-256("bigr-schedule:" + key). */
    static long key(String jobKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bigr-schedule:" + jobKey).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL session advisory locks on dedicated connections. */
    final class Advisory implements JobLocks {
        private final BigrDataSourceFactory database;

        public Advisory(BigrDataSourceFactory database) {
            this.database = database;
        }

        @Override
        public Optional<Lock> tryLock(String jobKey) throws SQLException {
            long key = key(jobKey);
            Connection c = Databases.connect(database);
            boolean ok = false;
            try {
                c.setAutoCommit(true);
                try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    st.setLong(1, key);
                    try (ResultSet rs = st.executeQuery()) {
                        ok = rs.next() && rs.getBoolean(1);
                    }
                }
            } finally {
                if (!ok) {
                    c.close();
                }
            }
            return ok ? Optional.of(new AdvisoryLock(c, key)) : Optional.empty();
        }
    }

    /** Held while its connection lives; closing unlocks and closes. */
    final class AdvisoryLock implements Lock {
        private final Connection connection;
        private final long key;

        AdvisoryLock(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public boolean held() {
            // A session lock lives exactly as long as its session: a live connection still holds it.
            try {
                return connection.isValid(5);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try (connection; PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                st.setLong(1, key);
                st.execute();
            } catch (SQLException e) {
                // Already released with its connection.
            }
        }
    }

    /** One JVM, one SQLite file: a set of held (database, job) pairs shared by every scheduler in the process. */
    final class InProcess implements JobLocks {
        private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
        private final String database;

        public InProcess(String database) {
            this.database = database;
        }

        @Override
        public Optional<Lock> tryLock(String jobKey) {
            String id = database + "\u0000" + jobKey;
            if (!HELD.add(id)) {
                return Optional.empty();
            }
            return Optional.of(new Lock() {
                private volatile boolean open = true;

                @Override
                public boolean held() {
                    return open;
                }

                @Override
                public void close() {
                    if (open) {
                        open = false;
                        HELD.remove(id);
                    }
                }
            });
        }
    }
}
