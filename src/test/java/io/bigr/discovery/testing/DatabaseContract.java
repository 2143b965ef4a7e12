package io.bigr.discovery.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of a contract run once per database (a {@code Sqlite…IT} and a {@code Postgres…IT} subclass each give
 * {@link #newDatabase}): one migrated database for the class, its {@code daos}, closed after the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {
    protected TestDb db;
    protected io.bigr.discovery.db.Daos daos;

    protected abstract TestDb newDatabase();

    @BeforeAll
    void openDatabase() {
        db = newDatabase().migrate();
        daos = db.daos();
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** Deletes every row of {@code tables}, in the order given (children before parents). */
    protected void empty(String... tables) {
        for (String table : tables) {
            db.execute("DELETE FROM " + table);
        }
    }
}
