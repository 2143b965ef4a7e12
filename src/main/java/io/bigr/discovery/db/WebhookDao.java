package io.bigr.discovery.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The webhook outbox (docs/DOMAIN.md §8.5): {@code webhook_events} (each event once, by its key),
 * {@code webhook_deliveries} (one row per event and URL: the delivery log with attempts, last status and error) and
 * {@code webhook_cursor} (the last change-log row already turned into events).
 */
public interface WebhookDao extends org.jdbi.v3.sqlobject.SqlObject {
    /** A change-log row with what an event says about its asset. */
    record ChangeRow(long id, String assetId, String scanId, String changeType, String fieldName, String oldValue,
                     String newValue, Instant detectedAt, String ip, String mac, String hostname, String vendor) {
    }

    /** A delivery due for an attempt, with its event. */
    record Due(long id, long eventId, String url, int attempts, String eventKey, String eventType, String payload) {
    }

    /** One row of the delivery log. */
    record Delivery(long id, String eventKey, String eventType, String url, String status, int attempts,
                    Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt) {
    }

    String CURSOR = "changes";

    @SqlQuery("SELECT last_change_id FROM webhook_cursor WHERE name = '" + CURSOR + "'")
    Optional<Long> cursor();

    @SqlQuery("SELECT COALESCE(MAX(id), 0) FROM asset_changes")
    long maxChangeId();

    @SqlUpdate("INSERT INTO webhook_cursor (name, last_change_id) VALUES ('" + CURSOR + "', :id) ON CONFLICT (name) DO NOTHING")
    void startCursor(long id);

    @SqlUpdate("UPDATE webhook_cursor SET last_change_id = :id WHERE name = '" + CURSOR + "' AND last_change_id < :id")
    int advanceCursor(long id);

    /** Serialises event collection across servers of one PostgreSQL database (a no-op read on SQLite, whose write
     * transactions are already serial). */
    @SqlQuery("SELECT last_change_id FROM webhook_cursor WHERE name = '" + CURSOR + "' FOR UPDATE")
    Optional<Long> lockCursor();

    @SqlQuery("""
            SELECT c.id, c.asset_id, c.scan_id, c.change_type, c.field_name, c.old_value, c.new_value, c.detected_at,
                   a.ip, a.mac, a.hostname, a.vendor
            FROM asset_changes c JOIN assets a ON a.id = c.asset_id
            WHERE c.id > :after ORDER BY c.id LIMIT :limit""")
    @RegisterConstructorMapper(ChangeRow.class)
    List<ChangeRow> changesAfter(long after, int limit);

    /** 1 when the event is new, 0 when its key was noticed before. */
    @SqlUpdate("""
            INSERT INTO webhook_events (event_key, event_type, payload, created_at)
            VALUES (:key, :type, :payload, :createdAt) ON CONFLICT (event_key) DO NOTHING""")
    int insertEvent(String key, String type, String payload, Instant createdAt);

    @SqlQuery("SELECT id FROM webhook_events WHERE event_key = :key")
    long eventId(String key);

    @SqlUpdate("""
            INSERT INTO webhook_deliveries (event_id, url, status, attempts, next_attempt_at)
            VALUES (:eventId, :url, 'pending', 0, :due) ON CONFLICT (event_id, url) DO NOTHING""")
    int insertDelivery(long eventId, String url, Instant due);

    /** Records an event; with {@code urls} it is also queued for each. Returns whether the key was new. */
    @Transaction
    default boolean notice(String key, String type, String payload, Instant now, List<String> urls) {
        if (insertEvent(key, type, payload, now) == 0) {
            return false;
        }
        long id = eventId(key);
        for (String url : urls) {
            insertDelivery(id, url, now);
        }
        return true;
    }

    /** An event to record: its unique key, type and JSON payload. */
    record Event(String key, String type, String payload) {
    }

    /**
     * Turns the change-log rows after the cursor (at most {@code limit}) into events, queues them for {@code urls} and
     * advances the cursor, in one transaction: a row is noticed exactly once, also with several servers (on
     * PostgreSQL the cursor row is locked first). The first call only places the cursor at the newest row: history
     * from before webhooks were configured is not replayed. Returns how many rows were read.
     */
    @Transaction
    default int collectChanges(boolean lockRow, int limit, java.util.function.Function<ChangeRow, Event> toEvent,
                               List<String> urls, Instant now) {
        Optional<Long> at = lockRow ? lockCursor() : cursor();
        if (at.isEmpty()) {
            startCursor(maxChangeId());
            return 0;
        }
        List<ChangeRow> rows = changesAfter(at.get(), limit);
        for (ChangeRow row : rows) {
            Event e = toEvent.apply(row);
            if (e != null) {
                notice(e.key(), e.type(), e.payload(), now, urls);
            }
        }
        if (!rows.isEmpty()) {
            advanceCursor(rows.get(rows.size() - 1).id());
        }
        return rows.size();
    }

    @SqlQuery("""
            SELECT d.id, d.event_id, d.url, d.attempts, e.event_key, e.event_type, e.payload
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= :now ORDER BY d.next_attempt_at, d.id LIMIT :limit""")
    @RegisterConstructorMapper(Due.class)
    List<Due> due(Instant now, int limit);

    /** Claims a due delivery until {@code until} (another server skips it meanwhile); 1 when this caller has it. */
    @SqlUpdate("""
            UPDATE webhook_deliveries SET next_attempt_at = :until
            WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now""")
    int claim(long id, Instant now, Instant until);

    @SqlUpdate("""
            UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = :status,
                   last_error = NULL, delivered_at = :at WHERE id = :id""")
    void delivered(long id, int status, Instant at);

    @SqlUpdate("""
            UPDATE webhook_deliveries SET status = :state, attempts = attempts + 1, last_status = :status,
                   last_error = :error, next_attempt_at = :next WHERE id = :id""")
    void failedAttempt(long id, @Bind("state") String state, @Bind("status") Integer status,
                       @Bind("error") String error, @Bind("next") Instant next);

    @SqlQuery("""
            SELECT d.id, e.event_key, e.event_type, d.url, d.status, d.attempts, d.next_attempt_at, d.last_status,
                   d.last_error, d.delivered_at
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            ORDER BY d.id DESC LIMIT :limit""")
    @RegisterConstructorMapper(Delivery.class)
    List<Delivery> log(int limit);

    @SqlQuery("SELECT event_key FROM webhook_events ORDER BY id")
    List<String> eventKeys();
}
