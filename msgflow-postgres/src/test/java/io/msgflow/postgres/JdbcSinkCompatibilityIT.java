package io.msgflow.postgres;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sink kit on a real PostgreSQL: embedded, or the server of {@code MSGFLOW_TEST_JDBC_URL}. */
class JdbcSinkCompatibilityIT extends JdbcSinkKitSupport {
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("sink_kit"), 8);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
