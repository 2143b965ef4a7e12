package io.bigr.discovery.certs;

import io.bigr.discovery.testing.TestDb;

class PostgresCertificateCollectorIT extends CertificateCollectorContract {
    @Override
    TestDb newDatabase() {
        return TestDb.postgres();
    }
}
