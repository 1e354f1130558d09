package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static io.msgflow.scenarios.OrderService.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.postgres.PostgresCredentials;
import io.msgflow.postgres.TestPostgres;
import io.msgflow.processing.MessageHandler;
import io.msgflow.scenarios.OrderService.OrderPlaced;
import io.msgflow.scenarios.OrderService.PaymentReceived;
import io.msgflow.test.FlowHarness;
import io.msgflow.inmemory.TestClock;
import io.msgflow.transport.MessageSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order service against a real PostgreSQL: the harness drives it, the JdbcSink absorbs redeliveries. */
class JdbcSinkScenarioIT {

    @Test
    void ordersAndPaymentsLandOnceInTheirTablesThoughOneIsDeliveredTwice() throws SQLException {
        PostgresCredentials credentials = TestPostgres.get().freshSchema("scenarios");
        TestClock clock = TestClock.create();
        AtomicBoolean slowOnce = new AtomicBoolean(true);
        AtomicReference<MessageSource> otherWorker = new AtomicReference<>();
        // snippet:jdbc
        try (HikariDataSource pool = TestPostgres.get().pool(credentials, 1);
             FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC).clock(clock)
                     .sink(JdbcSink.builder(pool).table("order_placed", "orders").table("payment_received", "payments").build()
                             .createSchemaIfMissing())
                     .process("orders", p -> p.on(OrderPlaced.class, (order, context) -> {
                         if (order.orderId().equals("o-2") && slowOnce.getAndSet(false)) {
                             clock.advance(Duration.ofSeconds(31));   // slower than the 30 s visibility timeout,
                             otherWorker.get().receive(10, Duration.ZERO);   // so another worker took it (and crashed)
                         }
                         return order;
                     }))
                     .process("payments", p -> p.on(PaymentReceived.class, MessageHandler.store()))
                     .build()) {
            otherWorker.set(harness.source("orders"));
            harness.publishAll(order("o-1", "eu-west-1", 40), order("o-2", "us-east-1", 60),
                    new PaymentReceived("o-1", BigDecimal.valueOf(40)));

            harness.runUntilIdle();

            assertThat(harness.delivered()).filteredOn(d -> d.delivery().queue().equals("orders")).hasSize(6);   // the batch, the other worker, the redelivery
            assertThat(count(pool, "orders")).isEqualTo(2);                                                     // each order once
            assertThat(count(pool, "payments")).isEqualTo(1);
        }
        // end-snippet
    }

    private static int count(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }
}
