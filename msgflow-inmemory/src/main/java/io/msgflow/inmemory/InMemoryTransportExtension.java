package io.msgflow.inmemory;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a fresh {@link InMemoryTransport} and the {@link TestClock} it
 * runs on into test methods, lifecycle methods and constructors, and closes the transport when
 * the test ends.
 *
 * <p>Both parameters of one test are the same pair: a {@code @BeforeEach} method and the test get
 * the same transport and clock. Parameters of {@code @BeforeAll} methods get a pair for the whole
 * class, which its tests then share.
 *
 * <pre>{@code
 * @ExtendWith(InMemoryTransportExtension.class)
 * class OrderFlowTest {
 *     @Test
 *     void redelivers(InMemoryTransport transport, TestClock clock) { ... }
 * }
 * }</pre>
 */
public final class InMemoryTransportExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InMemoryTransportExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == InMemoryTransport.class || type == TestClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Resources resources = context.getStore(NAMESPACE).getOrComputeIfAbsent(Resources.class, key -> new Resources(), Resources.class);
        return parameter.getParameter().getType() == TestClock.class ? resources.clock : resources.transport;
    }

    private static final class Resources implements ExtensionContext.Store.CloseableResource {
        final TestClock clock = TestClock.create();
        final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();

        @Override
        public void close() {
            transport.close();
        }
    }
}
