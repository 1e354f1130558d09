package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.TransportException;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InMemoryTransportExtensionTest {
    private static final Topology TOPOLOGY = Topology.builder("t").queue("q").route(Route.toQueue("q")).build();
    private static InMemoryTransport fromFirstTest;

    private InMemoryTransport fromBeforeEach;
    private TestClock clockFromBeforeEach;

    @BeforeEach
    void capture(InMemoryTransport transport, TestClock clock) {
        fromBeforeEach = transport;
        clockFromBeforeEach = clock;
    }

    @Test
    @Order(1)
    void aTestAndItsBeforeEachGetTheSamePairAndTheTransportRunsOnThatClock(InMemoryTransport transport, TestClock clock) {
        assertThat(transport).isSameAs(fromBeforeEach);
        assertThat(clock).isSameAs(clockFromBeforeEach);
        assertThat(transport.clock()).isSameAs(clock);
        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START);
        fromFirstTest = transport;
        clock.advance(Duration.ofHours(1));
    }

    @Test
    @Order(2)
    void eachTestGetsAFreshPairAndThePreviousTransportWasClosed(InMemoryTransport transport, TestClock clock) {
        assertThat(transport).isNotSameAs(fromFirstTest);
        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START);
        assertThatThrownBy(() -> fromFirstTest.provision(TOPOLOGY)).isInstanceOf(TransportException.class)
                .hasMessageContaining("closed");
        transport.provision(TOPOLOGY);
    }
}
