package io.msgflow.postgres;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The sink kit on a PostgreSQL container, for machines with Docker; skipped (not failed) without it. */
@Testcontainers(disabledWithoutDocker = true)
class JdbcSinkTestcontainersIT extends JdbcSinkKitSupport {
    @Container
    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"));

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        pool = DataSources.pooled(PostgresCredentials.of(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword()),
                PoolOptions.builder().concurrentWriters(8).build());
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
