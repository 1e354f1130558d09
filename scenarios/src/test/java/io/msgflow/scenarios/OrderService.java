package io.msgflow.scenarios;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.codec.MessageCodec;
import io.msgflow.filter.Match;
import io.msgflow.processing.PermanentFailureException;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import java.math.BigDecimal;
import java.time.Duration;

/** The application under test: an order service with three message types, as its authors would write it. */
final class OrderService {
    record OrderPlaced(String orderId, String region, BigDecimal amount) { }
    record PaymentReceived(String orderId, BigDecimal amount) { }
    record OrderShipped(String orderId, String carrier) { }

    static final MessageCodec CODEC = MessageCodec.builder()
            .register(OrderPlaced.class)       // type "order_placed"
            .register(PaymentReceived.class)   // type "payment_received"
            .register(OrderShipped.class)      // type "order_shipped"
            .build();

    // snippet:topology
    static final Topology TOPOLOGY = Topology.builder("orders").codec(CODEC)
            .queue(QueueSpec.builder("orders").deadLetterQueue("orders-dlq", 4).visibilityTimeout(Duration.ofSeconds(30)).build())
            .queue(QueueSpec.builder("payments").deadLetterQueue("payments-dlq", 4).build())
            .queue(QueueSpec.builder("shipments").deadLetterQueue("shipments-dlq", 4).visibilityTimeout(Duration.ofSeconds(30)).build())
            .queue(QueueSpec.builder("fraud-review").deadLetterQueue("fraud-review-dlq", 4).build())
            .routeType(OrderPlaced.class, "orders")
            .routeType(PaymentReceived.class, "payments")
            .routeType(OrderShipped.class, "shipments")
            .routeType(OrderPlaced.class, "fraud-review",      // big orders from the EU also go to review
                    policy -> policy.where("amount", Match.atLeast(1000)).where("region", Match.prefix("eu-")))
            .build();
    // end-snippet

    private OrderService() {
    }

    /** How the service publishes an order: the region and amount travel as attributes, for routing. */
    static Message placed(OrderPlaced order) {
        return CODEC.encode(order).toBuilder()
                .attribute("region", order.region())
                .attribute("amount", MessageAttribute.number(order.amount()))
                .build();
    }

    static OrderPlaced order(String id, String region, int amount) {
        return new OrderPlaced(id, region, BigDecimal.valueOf(amount));
    }

    /** The payment handler's rule: a payment of nothing or less is bad input, never worth a retry. */
    static PaymentReceived checked(PaymentReceived payment) {
        if (payment.amount().signum() <= 0) {
            throw new PermanentFailureException("payment for " + payment.orderId() + " must be positive, but was " + payment.amount());
        }
        return payment;
    }
}
