package io.github.flinkdatahub.e2e;

import io.github.flinkdatahub.e2e.harness.E2eEnvironment;
import io.github.flinkdatahub.e2e.harness.SqlGatewayClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on the shared cluster: one SQL Gateway session (with the SQL jar added) per class,
 * and no job left running after a test.
 */
@ExtendWith(E2eEnvironment.Extension.class)
abstract class GatewaySessionTestBase {
    static E2eEnvironment env;
    static SqlGatewayClient.Session session;

    @BeforeAll
    static void openSession(E2eEnvironment environment) {
        env = environment;
        session = env.openSession();
    }

    @AfterEach
    void cancelJobs() {
        env.cluster().cancelAllJobs();
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }
}
