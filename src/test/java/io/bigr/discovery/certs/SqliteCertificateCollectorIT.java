package io.bigr.discovery.certs;

import io.bigr.discovery.testing.TestDb;

class SqliteCertificateCollectorIT extends CertificateCollectorContract {
    @Override
    TestDb newDatabase() {
        return TestDb.sqlite();
    }
}
