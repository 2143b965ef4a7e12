package io.bigr.discovery.browser;

import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.ApiApp;
import io.bigr.discovery.testing.TestDb;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every dashboard browser test: per test class one fresh database ({@link TestDb}, migrated), seeded by
 * {@link #seed} (the shared {@link DashboardSeed} unless overridden), the real application on it ({@link ApiApp})
 * and one headless Chromium ({@link Browser}). A page's behaviour is written once in an abstract {@code *Contract}
 * subclass and run by a {@code Sqlite*IT} and a {@code Postgres*IT} subclass that only choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserContract {
    protected TestDb db;
    protected ApiApp app;
    protected Browser browser;

    protected abstract Dialect dialect();

    /** Puts the data the class's pages show into the database before the application starts. */
    protected void seed(TestDb db) {
        DashboardSeed.seed(db.daos());
    }

    /** Extra configuration of the application under test (e.g. {@code auth.required}). */
    protected ConfigOverride[] overrides() {
        return new ConfigOverride[0];
    }

    @BeforeAll
    void startAll() {
        // the browser first: without Chromium the class aborts (or fails on CI) before building a database
        browser = Browser.start();
        db = TestDb.create(dialect()).migrate();
        seed(db);
        app = ApiApp.start(db, overrides());
    }

    @AfterAll
    void stopAll() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (db != null) {
                db.close();
            }
        }
    }

    /** Opens {@code path} (e.g. {@code "/topology"}) of the running application and waits for the page's first load. */
    protected Browser open(String path) {
        browser.open(app.url(path));
        browser.waitReady();
        return browser;
    }
}
