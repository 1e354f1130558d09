package io.msgflow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.filter.Match;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TypedRoutingTest {
    record OrderPlaced(String id) { }
    record OrderPaid(String id) { }
    record OrderShipped(String id) { }

    private final MessageCodec codec = MessageCodec.builder()
            .register(OrderPlaced.class).register(OrderPaid.class).register(OrderShipped.class, "shipped").build();

    @Test
    void routesByPayloadClassUnderTheNamesTheCodecRegistered() {
        Topology topology = Topology.builder("orders").codec(codec)
                .queue("placed").queue("later")
                .routeType(OrderPlaced.class, "placed")
                .routeTypes("later", OrderPaid.class, OrderShipped.class)
                .build();

        assertThat(queuesOf(topology, codec.encode(new OrderPlaced("1")))).containsExactly("placed");
        assertThat(queuesOf(topology, codec.encode(new OrderPaid("1")))).containsExactly("later");
        assertThat(queuesOf(topology, codec.encode(new OrderShipped("1")))).containsExactly("later");
        assertThat(topology.routes().get(1).filterPolicy().orElseThrow().json())
                .isEqualTo("{\"message_type\":[\"order_paid\",\"shipped\"]}");
    }

    @Test
    void routesByClassAndAttributeConditions() {
        Topology topology = Topology.builder("orders").codec(codec)
                .queue("big-eu")
                .routeType(OrderPlaced.class, "big-eu", p -> p.where("amount", Match.atLeast(1000)).where("region", Match.prefix("eu-")))
                .build();

        assertThat(queuesOf(topology, placed("eu-west-1", 1500))).containsExactly("big-eu");
        assertThat(queuesOf(topology, placed("eu-west-1", 999))).isEmpty();
        assertThat(queuesOf(topology, placed("us-east-1", 1500))).isEmpty();
    }

    @Test
    void routingByClassWithoutACodecSaysWhatIsMissing() {
        assertThatThrownBy(() -> Topology.builder("orders").queue("placed").routeType(OrderPlaced.class, "placed"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("codec(");
    }

    private Message placed(String region, int amount) {
        return codec.encode(new OrderPlaced("1")).toBuilder()
                .attribute("region", region).attribute("amount", MessageAttribute.number(BigDecimal.valueOf(amount))).build();
    }

    private static java.util.List<String> queuesOf(Topology topology, Message m) {
        return topology.routes().stream()
                .filter(r -> r.accepts(WireFormat.defaults().wireAttributes(m), m.body()))
                .map(Route::queue).toList();
    }
}
