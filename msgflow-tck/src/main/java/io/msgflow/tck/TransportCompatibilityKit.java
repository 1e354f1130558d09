package io.msgflow.tck;

import static io.msgflow.tck.TransportFeature.DEAD_LETTER_REDRIVE;
import static io.msgflow.tck.TransportFeature.DELAY;
import static io.msgflow.tck.TransportFeature.ENVELOPE_DELIVERY;
import static io.msgflow.tck.TransportFeature.FIFO;
import static io.msgflow.tck.TransportFeature.MESSAGE_BODY_SCOPE;
import static io.msgflow.tck.TransportFeature.TOPICS;
import static io.msgflow.tck.internal.KitMessages.fifo;
import static io.msgflow.tck.internal.KitMessages.message;
import static io.msgflow.tck.internal.KitMessages.ofWireSize;
import static io.msgflow.tck.internal.KitMessages.receivedWithAttributes;
import static io.msgflow.tck.internal.KitMessages.richMessage;
import static io.msgflow.tck.internal.KitMessages.withArray;
import static io.msgflow.tck.internal.KitMessages.withAttribute;
import static io.msgflow.tck.internal.KitMessages.withAttributes;
import static io.msgflow.tck.internal.KitMessages.withBody;
import static io.msgflow.tck.internal.KitMessages.withNumber;
import static io.msgflow.tck.internal.KitMessages.withReceiptHandle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.MessageValidationException;
import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.WireFormat;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.filter.FilterScope;
import io.msgflow.tck.internal.KitMessages;
import io.msgflow.tck.internal.Poller;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance kit of {@link MessageTransport}: the SNS/SQS behaviour every msgflow transport
 * shows, as the AWS documentation describes it. It talks to the transport only through
 * {@code provision}, {@code publisher}, {@code queueSender} and {@code source}, so it runs the same
 * against the in-memory emulator, AWS-compatible emulators and AWS itself.
 *
 * <h2>Extending it</h2>
 * On a virtual clock (the in-memory emulator):
 * <pre>{@code
 * class InMemoryTransportCompatibilityTest extends TransportCompatibilityKit {
 *     private final TestClock clock = TestClock.create();
 *     private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
 *
 *     @AfterEach void close() { transport.close(); }
 *
 *     @Override protected MessageTransport transport() { return transport; }
 *     @Override protected void advanceTime(Duration d) { clock.advance(d); }
 *     @Override protected Clock clock() { return clock; }
 *     @Override protected KitTiming timing() { return KitTiming.virtualClock(); }
 * }
 * }</pre>
 * Against a real server, {@link #advanceTime} sleeps, {@link #clock()} and {@link #timing()} keep
 * their defaults, and {@link #features()} names what the peer has — for an SQS-only peer
 * {@code EnumSet.of(FIFO, DEAD_LETTER_REDRIVE, DELAY)}.
 *
 * <h2>Hooks</h2>
 * <ul>
 * <li>{@link #transport()} (required): the transport under test. The subclass creates and closes it.</li>
 * <li>{@link #advanceTime(Duration)} (required): lets the given time pass for the transport —
 *     advance the virtual clock, or sleep for real servers.</li>
 * <li>{@link #clock()}: the clock the transport stamps and times with; the system clock by default,
 *     the virtual clock for an emulator.</li>
 * <li>{@link #timing()}: visibility timeouts, waits and bounds ({@link KitTiming#realServers()} by
 *     default; {@link KitTiming#virtualClock()} for an emulator whose time only moves through
 *     {@link #advanceTime}).</li>
 * <li>{@link #features()}: the optional {@link TransportFeature}s the transport has (all by default).
 *     A test needing a missing feature is skipped, naming the feature. Without
 *     {@link TransportFeature#TOPICS} the kit publishes through {@code queueSender}.</li>
 * </ul>
 *
 * <h2>Behaviours</h2>
 * One public test method each, grouped by name: {@code fanOut…} (routing by type),
 * {@code attributeFilter…} and {@code bodyFilter…} (filter policies in both scopes),
 * {@code envelopeDelivery…} and {@code queueSender…}, {@code roundTrip…} and {@code publishReceipt…},
 * {@code visibility…}, {@code acknowledge…} and {@code changeVisibility…}, {@code receive…}
 * (long poll, limits), {@code redrive…} and {@code deadLetter…}, {@code fifo…}, {@code batch…} and
 * {@code publishAll…}, {@code validation…}, {@code unknown…} and {@code provision…},
 * {@code delayQueue…}, {@code concurrent…}.
 *
 * <h2>Contract of the run</h2>
 * Every test provisions its own topology whose topic and queue names end in a random suffix, so
 * tests are independent on a shared server and may run in any order. Tests wait with real-time
 * bounds only ({@link KitTiming#deliveryTimeout()}, {@link KitTiming#settleTime()}); time that the
 * behaviour depends on (visibility, delay) passes only through {@link #advanceTime}. Each test is
 * public and can be overridden, e.g. {@code @Test @Disabled("peer 1.2: <difference from AWS>")},
 * where a peer departs from AWS.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
public abstract class TransportCompatibilityKit {
    private static final String NOTIFICATION = KitMessages.NOTIFICATION;
    private static final String CRITICAL_ALERT = "critical_alert";
    private static final Duration LONG_POLL = Duration.ofSeconds(20);
    private static final Duration EMPTY_RECEIVE_WAIT = Duration.ofSeconds(2);
    /** Real time after which a long poll on an empty queue must still be pending; the only fixed wait of the kit. */
    private static final Duration PENDING_CHECK = Duration.ofMillis(200);
    private static final int MAX = MessageLimits.MAX_MESSAGE_BYTES;

    private final List<ExecutorService> executors = new ArrayList<>();
    private String suffix;
    private KitTiming timing;
    private Poller poller;

    /** The transport under test; the subclass creates and closes it. */
    protected abstract MessageTransport transport();

    /** Lets {@code duration} pass for the transport: advance its virtual clock, or sleep. */
    protected abstract void advanceTime(Duration duration);

    /** The clock the transport reads; the system clock unless the transport runs on a virtual one. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** Durations the kit uses; see {@link KitTiming}. */
    protected KitTiming timing() {
        return KitTiming.realServers();
    }

    /** The optional features the transport has; all of them unless overridden. */
    protected Set<TransportFeature> features() {
        return EnumSet.allOf(TransportFeature.class);
    }

    @BeforeEach
    protected final void prepareKit() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        timing = timing();
        poller = new Poller(timing);
    }

    @AfterEach
    protected final void stopKitThreads() {
        executors.forEach(ExecutorService::shutdownNow);
        executors.clear();
    }

    // ---------------------------------------------------------------- fan-out by type

    @Test
    @DisplayName("fan-out: a notification reaches the notifications queue only")
    public void fanOutNotificationReachesOnlyTheNotificationsQueue() {
        requires(TOPICS);
        FanOut f = provisionFanOut();
        Message m = message(NOTIFICATION);
        transport().publisher(f.topology()).publish(m);
        assertThat(ids(receiveExactly(source(f.topology(), f.notifications()), 1))).containsExactly(m.id());
        assertNoMessage(source(f.topology(), f.alerts()));
    }

    @Test
    @DisplayName("fan-out: a critical_alert reaches the alerts queue only")
    public void fanOutCriticalAlertReachesOnlyTheAlertsQueue() {
        requires(TOPICS);
        FanOut f = provisionFanOut();
        Message m = message(CRITICAL_ALERT);
        transport().publisher(f.topology()).publish(m);
        assertThat(ids(receiveExactly(source(f.topology(), f.alerts()), 1))).containsExactly(m.id());
        assertNoMessage(source(f.topology(), f.notifications()));
    }

    @Test
    @DisplayName("fan-out: a type nobody subscribes to reaches no queue, and its publish still succeeds")
    public void fanOutTypeNobodySubscribesReachesNoQueue() {
        requires(TOPICS);
        FanOut f = provisionFanOut();
        Message m = message("invoice");
        PublishReceipt receipt = transport().publisher(f.topology()).publish(m);
        assertThat(receipt.messageId()).isEqualTo(m.id());
        assertNoMessage(source(f.topology(), f.notifications()));
        assertNoMessage(source(f.topology(), f.alerts()));
    }

    @Test
    @DisplayName("fan-out: a route without filter receives every type; a filtered one beside it only its type")
    public void fanOutUnfilteredRouteReceivesEveryType() {
        requires(TOPICS);
        String audit = uniqueName("audit");
        String notifications = uniqueName("notifications");
        Topology t = provisioned(topology().queue(audit).queue(notifications)
                .route(Route.toQueue(audit)).routeType(NOTIFICATION, notifications).build());
        List<Message> sent = List.of(message(NOTIFICATION), message(CRITICAL_ALERT), message("invoice"));
        assertThat(transport().publisher(t).publishAll(sent).failed()).isEmpty();
        assertThat(ids(receiveExactly(source(t, audit), 3))).containsExactlyInAnyOrderElementsOf(sentIds(sent));
        assertThat(ids(receiveExactly(source(t, notifications), 1))).containsExactly(sent.get(0).id());
    }

    @Test
    @DisplayName("fan-out: a queue routed several types receives each of them and nothing else")
    public void fanOutRouteForSeveralTypesReceivesEachOfThem() {
        requires(TOPICS);
        String both = uniqueName("both");
        Topology t = provisioned(topology().queue(both).routeTypes(both, NOTIFICATION, CRITICAL_ALERT).build());
        Message notification = message(NOTIFICATION);
        Message alert = message(CRITICAL_ALERT);
        transport().publisher(t).publishAll(List.of(notification, message("invoice"), alert));
        assertThat(ids(receiveExactly(source(t, both), 2))).containsExactlyInAnyOrder(notification.id(), alert.id());
    }

    // ---------------------------------------------------------------- attribute-scope filters

    @Test
    @DisplayName("attribute filter: prefix")
    public void attributeFilterPrefix() {
        assertFilterDelivers("{\"store\":[{\"prefix\":\"example\"}]}", FilterScope.MESSAGE_ATTRIBUTES,
                List.of(withAttribute("store", "example_corp"), withAttribute("store", "examples")),
                List.of(withAttribute("store", "other_example"), withAttribute("store", "exampl"), message(NOTIFICATION)));
    }

    @Test
    @DisplayName("attribute filter: numeric range on a Number attribute, bounds included as written")
    public void attributeFilterNumericRange() {
        assertFilterDelivers("{\"price_usd\":[{\"numeric\":[\">\",0,\"<=\",150]}]}", FilterScope.MESSAGE_ATTRIBUTES,
                List.of(withNumber("price_usd", "150"), withNumber("price_usd", "0.01"), withNumber("price_usd", "75.5")),
                List.of(withNumber("price_usd", "0"), withNumber("price_usd", "150.01"), withNumber("price_usd", "210.75")));
    }

    @Test
    @DisplayName("attribute filter: anything-but")
    public void attributeFilterAnythingBut() {
        assertFilterDelivers("{\"store\":[{\"anything-but\":[\"example_corp\",\"example_shop\"]}]}",
                FilterScope.MESSAGE_ATTRIBUTES,
                List.of(withAttribute("store", "other_corp")),
                List.of(withAttribute("store", "example_corp"), withAttribute("store", "example_shop")));
    }

    @Test
    @DisplayName("attribute filter: exists false matches messages without the attribute")
    public void attributeFilterExistsFalse() {
        assertFilterDelivers("{\"store\":[{\"exists\":false}]}", FilterScope.MESSAGE_ATTRIBUTES,
                List.of(withAttribute("event", "order_placed")),
                List.of(withAttribute("store", "example_corp")));
    }

    @Test
    @DisplayName("attribute filter: a String.Array attribute matches when any element matches")
    public void attributeFilterStringArrayMatchesAnyElement() {
        assertFilterDelivers("{\"customer_interests\":[\"rugby\"]}", FilterScope.MESSAGE_ATTRIBUTES,
                List.of(withArray("customer_interests", List.of("soccer", "rugby", "hockey"))),
                List.of(withArray("customer_interests", List.of("soccer", "hockey"))));
    }

    @Test
    @DisplayName("attribute filter: every key of the policy must match (AND)")
    public void attributeFilterRequiresEveryKey() {
        Message both = message(NOTIFICATION).toBuilder().attribute("store", "example_corp").attribute("event", "order_placed").build();
        Message otherEvent = message(NOTIFICATION).toBuilder().attribute("store", "example_corp").attribute("event", "order_cancelled").build();
        assertFilterDelivers("{\"store\":[\"example_corp\"],\"event\":[\"order_placed\"]}", FilterScope.MESSAGE_ATTRIBUTES,
                List.of(both),
                List.of(withAttribute("store", "example_corp"), withAttribute("event", "order_placed"), otherEvent));
    }

    // ---------------------------------------------------------------- body-scope filters

    @Test
    @DisplayName("body filter: a nested key")
    public void bodyFilterNestedKey() {
        requires(TOPICS, MESSAGE_BODY_SCOPE);
        assertFilterDelivers("{\"order\":{\"status\":[\"shipped\"]}}", FilterScope.MESSAGE_BODY,
                List.of(withBody("{\"order\":{\"status\":\"shipped\",\"id\":1}}")),
                List.of(withBody("{\"order\":{\"status\":\"pending\",\"id\":2}}"), withBody("{\"status\":\"shipped\"}")));
    }

    @Test
    @DisplayName("body filter: a value matches an element of a body array")
    public void bodyFilterArrayElement() {
        requires(TOPICS, MESSAGE_BODY_SCOPE);
        assertFilterDelivers("{\"tags\":[\"urgent\"]}", FilterScope.MESSAGE_BODY,
                List.of(withBody("{\"tags\":[\"low\",\"urgent\"]}"), withBody("{\"tags\":\"urgent\"}")),
                List.of(withBody("{\"tags\":[\"low\",\"later\"]}"), withBody("{\"other\":[\"urgent\"]}")));
    }

    @Test
    @DisplayName("body filter: message attributes are not looked at")
    public void bodyFilterIgnoresAttributes() {
        requires(TOPICS, MESSAGE_BODY_SCOPE);
        Message attributeOnly = message(NOTIFICATION).toBuilder().body("{\"store\":\"other\"}").attribute("store", "example_corp").build();
        assertFilterDelivers("{\"store\":[\"example_corp\"]}", FilterScope.MESSAGE_BODY,
                List.of(withBody("{\"store\":\"example_corp\"}")), List.of(attributeOnly));
    }

    // ---------------------------------------------------------------- raw and envelope delivery

    @Test
    @DisplayName("envelope delivery: body, attributes, type and id unwrap exactly as raw delivery carries them")
    public void envelopeDeliveryUnwrapsLikeRawDelivery() {
        requires(TOPICS, ENVELOPE_DELIVERY);
        RawAndEnvelope q = provisionRawAndEnvelope();
        Message m = richMessage();
        transport().publisher(q.topology()).publish(m);
        ReceivedMessage raw = single(awaitMessages(source(q.topology(), q.raw()), 1));
        ReceivedMessage envelope = single(awaitMessages(source(q.topology(), q.envelope()), 1));
        Map<String, MessageAttribute> wire = q.topology().wireFormat().wireAttributes(m);
        for (ReceivedMessage d : List.of(raw, envelope)) {
            assertThat(d.problem()).as("problem of %s", d.queue()).isEmpty();
            assertThat(d.body()).as("body on %s", d.queue()).isEqualTo(m.body());
            assertThat(d.attributes()).as("attributes on %s", d.queue()).isEqualTo(wire);
            assertThat(d.type()).as("type on %s", d.queue()).contains(m.type());
            assertThat(d.id()).as("id on %s", d.queue()).isEqualTo(m.id());
        }
    }

    @Test
    @DisplayName("envelope delivery: the id stays the published id when the message is delivered again")
    public void envelopeDeliveryKeepsIdAcrossRedelivery() {
        requires(TOPICS, ENVELOPE_DELIVERY);
        RawAndEnvelope q = provisionRawAndEnvelope();
        Message m = richMessage();
        transport().publisher(q.topology()).publish(m);
        MessageSource envelopes = source(q.topology(), q.envelope());
        ReceivedMessage first = single(awaitMessages(envelopes, 1));
        advancePast(timing.visibilityTimeout());
        ReceivedMessage again = single(awaitMessages(envelopes, 1));
        assertThat(again.receiveCount()).isEqualTo(2);
        assertThat(List.of(first.id(), again.id())).containsOnly(m.id());
        assertThat(again.toMessage(q.topology().wireFormat().userAttributes(again.attributes())).attributes())
                .isEqualTo(m.attributes());
    }

    @Test
    @DisplayName("queue sender: delivers raw to its one queue, bypassing the topic and its other queues")
    public void queueSenderDeliversToItsQueueOnly() {
        String target = uniqueName("target");
        String other = uniqueName("other");
        Topology.Builder b = topology().queue(queueSpec(target)).queue(queueSpec(other));
        if (supports(TOPICS)) {
            b.route(Route.toQueue(target)).route(Route.toQueue(other));
        }
        Topology t = provisioned(b.build());
        Message m = richMessage();
        transport().queueSender(t, target).publish(m);
        ReceivedMessage d = single(receiveExactly(source(t, target), 1));
        assertThat(d.body()).isEqualTo(m.body());
        assertThat(d.attributes()).isEqualTo(t.wireFormat().wireAttributes(m));
        assertNoMessage(source(t, other));
    }

    // ---------------------------------------------------------------- round trip

    @Test
    @DisplayName("round trip: id, type, body and attributes arrive as published, receive count 1, sent at publish time")
    public void roundTripKeepsIdTypeBodyAndAttributes() {
        SingleQueue q = provisionQueue("roundtrip");
        Message m = message(NOTIFICATION).toBuilder().attribute("store", "example_corp").attribute("event", "order_placed").build();
        Instant before = clock().instant();
        PublishReceipt receipt = sender(q).publish(m);
        ReceivedMessage d = single(awaitMessages(source(q), 1));
        Instant after = clock().instant();
        assertThat(receipt.messageId()).isEqualTo(m.id());
        assertThat(d.queue()).isEqualTo(q.queue());
        assertThat(d.id()).isEqualTo(m.id());
        assertThat(d.type()).contains(NOTIFICATION);
        assertThat(d.body()).isEqualTo(m.body());
        assertThat(d.attributes()).isEqualTo(q.topology().wireFormat().wireAttributes(m));
        assertThat(d.receiveCount()).isEqualTo(1);
        assertThat(d.groupId()).isEmpty();
        assertThat(d.problem()).isEmpty();
        assertThat(d.sentAt()).isBetween(before.truncatedTo(ChronoUnit.MILLIS).minus(timing.clockSkew()),
                after.plus(timing.clockSkew()));
        Message back = d.toMessage(q.topology().wireFormat().userAttributes(d.attributes()));
        assertThat(back.toBuilder().timestamp(null).build()).isEqualTo(m);
    }

    @Test
    @DisplayName("round trip: unicode in body and attribute values survives")
    public void roundTripUnicode() {
        SingleQueue q = provisionQueue("unicode");
        Message m = Message.builder().type(NOTIFICATION).body("{\"text\":\"Grüße, 東京 ☃ — 👋🏽 ✓ \\u00e9\",\"raw\":\"é€𝄞\"}")
                .attribute("city", "Zürich — 東京 👋").build();
        sender(q).publish(m);
        ReceivedMessage d = single(awaitMessages(source(q), 1));
        assertThat(d.body()).isEqualTo(m.body());
        assertThat(d.attributes()).containsEntry("city", MessageAttribute.string("Zürich — 東京 👋"));
    }

    @Test
    @DisplayName("round trip: a Binary attribute arrives byte for byte")
    public void roundTripBinaryAttribute() {
        SingleQueue q = provisionQueue("binary");
        byte[] bytes = {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff, '\n', '"'};
        Message m = message(NOTIFICATION).toBuilder().attribute("signature", MessageAttribute.binary(bytes)).build();
        sender(q).publish(m);
        MessageAttribute received = single(awaitMessages(source(q), 1)).attributes().get("signature");
        assertThat(received).isNotNull();
        assertThat(received.dataType()).isEqualTo("Binary");
        assertThat(received.binaryValue()).containsExactly(bytes);
    }

    @Test
    @DisplayName("round trip: a Number attribute keeps its data type and exact value")
    public void roundTripNumberAttribute() {
        SingleQueue q = provisionQueue("number");
        Message m = message(NOTIFICATION).toBuilder()
                .attribute("price_usd", MessageAttribute.number(new BigDecimal("210.75")))
                .attribute("quantity", MessageAttribute.number(-42)).build();
        sender(q).publish(m);
        ReceivedMessage d = single(awaitMessages(source(q), 1));
        assertThat(d.attributes()).containsEntry("price_usd", MessageAttribute.of("Number", "210.75"))
                .containsEntry("quantity", MessageAttribute.of("Number", "-42"));
    }

    @Test
    @DisplayName("round trip: a message of exactly 256 KiB (body plus attributes) is accepted and arrives whole")
    public void roundTripMessageOfExactlyMaximumSize() {
        SingleQueue q = provisionQueue("largest");
        WireFormat wire = q.topology().wireFormat();
        Message m = ofWireSize(wire, message(NOTIFICATION).toBuilder().attribute("store", "example_corp").build(), MAX);
        assertThat(wire.sizeInBytes(m)).isEqualTo(MAX);
        assertThat(sender(q).publish(m).messageId()).isEqualTo(m.id());
        ReceivedMessage d = single(awaitMessages(source(q), 1));
        assertThat(d.id()).isEqualTo(m.id());
        assertThat(d.body()).isEqualTo(m.body());
    }

    @Test
    @DisplayName("publish receipt: msgflow id plus a transport message id; no sequence number on a standard topic")
    public void publishReceiptCarriesTransportMessageId() {
        SingleQueue q = provisionQueue("receipts");
        Message first = message(NOTIFICATION);
        Message second = message(NOTIFICATION);
        PublishReceipt a = sender(q).publish(first);
        PublishReceipt b = sender(q).publish(second);
        assertThat(a.messageId()).isEqualTo(first.id());
        assertThat(b.messageId()).isEqualTo(second.id());
        assertThat(a.transportMessageId()).isNotBlank().isNotEqualTo(b.transportMessageId());
        assertThat(b.transportMessageId()).isNotBlank();
        assertThat(a.sequenceNumber()).isEmpty();
    }

    // ---------------------------------------------------------------- visibility and acknowledgement

    @Test
    @DisplayName("visibility: a received message stays hidden from other receives")
    public void visibilityHidesAReceivedMessage() {
        SingleQueue q = provisionQueue("hidden");
        sender(q).publish(message(NOTIFICATION));
        MessageSource source = source(q);
        single(awaitMessages(source, 1));
        assertNoMessage(source);
    }

    @Test
    @DisplayName("visibility: when it lapses the message comes again with receive count 2, the same id, a new receipt handle")
    public void visibilityExpiryRedelivers() {
        SingleQueue q = provisionQueue("redeliver");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage first = single(awaitMessages(source, 1));
        advancePast(timing.visibilityTimeout());
        ReceivedMessage second = single(awaitMessages(source, 1));
        assertThat(second.id()).isEqualTo(first.id()).isEqualTo(m.id());
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.body()).isEqualTo(m.body());
    }

    @Test
    @DisplayName("acknowledge: removes the message; it does not come back after the visibility timeout")
    public void acknowledgeRemovesTheMessage() {
        SingleQueue q = provisionQueue("ack");
        sender(q).publish(message(NOTIFICATION));
        MessageSource source = source(q);
        ReceivedMessage d = single(awaitMessages(source, 1));
        OperationResult result = source.acknowledge(List.of(d));
        assertThat(result.failed()).isEmpty();
        assertThat(handles(result.succeeded())).containsExactly(d.receiptHandle());
        advancePast(timing.visibilityTimeout());
        assertNoMessage(source);
    }

    /**
     * SQS: with a receipt handle of an earlier receive "the request succeeds, but the message might
     * not be deleted". So the kit asks for one outcome for the entry, no loss when the outcome is a
     * failure, and the latest handle deleting the message.
     */
    @Test
    @DisplayName("acknowledge: a stale receipt handle gets one outcome and never loses the message")
    public void acknowledgeWithStaleReceiptHandle() {
        SingleQueue q = provisionQueue("stale");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage first = single(awaitMessages(source, 1));
        advancePast(timing.visibilityTimeout());
        ReceivedMessage latest = single(awaitMessages(source, 1));
        OperationResult stale = source.acknowledge(List.of(first));
        assertThat(outcomeHandles(stale)).containsExactly(first.receiptHandle());
        if (!stale.failed().isEmpty()) {
            advancePast(timing.visibilityTimeout());
            latest = single(awaitMessages(source, 1));
            assertThat(latest.id()).isEqualTo(m.id());
            assertThat(latest.receiveCount()).isEqualTo(3);
            assertThat(handles(source.acknowledge(List.of(latest)).succeeded())).containsExactly(latest.receiptHandle());
        } else {
            source.acknowledge(List.of(latest));
        }
        advancePast(timing.visibilityTimeout());
        assertNoMessage(source);
    }

    @Test
    @DisplayName("acknowledge: each entry of a batch gets its own outcome; an invalid handle fails alone")
    public void acknowledgeReportsEachEntry() {
        SingleQueue q = provisionQueue("ackbatch");
        List<Message> sent = List.of(message(NOTIFICATION), message(NOTIFICATION));
        sender(q).publishAll(sent);
        MessageSource source = source(q);
        List<ReceivedMessage> both = awaitMessages(source, 2);
        assertThat(both).hasSize(2);
        ReceivedMessage invalid = withReceiptHandle(both.get(1), "tck-invalid-receipt-handle-" + suffix);
        OperationResult result = source.acknowledge(List.of(both.get(0), invalid));
        assertThat(handles(result.succeeded())).containsExactly(both.get(0).receiptHandle());
        assertThat(result.failed()).hasSize(1);
        EntryFailure failure = result.failed().get(0);
        assertThat(failure.message().receiptHandle()).isEqualTo(invalid.receiptHandle());
        assertThat(failure.code()).isNotBlank();
        advancePast(timing.visibilityTimeout());
        ReceivedMessage again = single(receiveExactly(source, 1));
        assertThat(again.id()).isEqualTo(both.get(1).id());
    }

    @Test
    @DisplayName("change visibility: zero hands the message back at once")
    public void changeVisibilityZeroHandsBackAtOnce() {
        SingleQueue q = provisionQueue("handback");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage first = single(awaitMessages(source, 1));
        OperationResult result = source.changeVisibility(List.of(first), Duration.ZERO);
        assertThat(handles(result.succeeded())).containsExactly(first.receiptHandle());
        ReceivedMessage again = single(awaitMessages(source, 1));
        assertThat(again.id()).isEqualTo(m.id());
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("change visibility: a longer timeout keeps the message hidden past the queue's timeout")
    public void changeVisibilityExtends() {
        SingleQueue q = provisionQueue("extend");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage first = single(awaitMessages(source, 1));
        Duration visibility = timing.visibilityTimeout();
        assertThat(source.changeVisibility(List.of(first), visibility.multipliedBy(3)).failed()).isEmpty();
        advancePast(visibility);
        assertNoMessage(source);
        advanceTime(visibility.multipliedBy(2));
        ReceivedMessage again = single(awaitMessages(source, 1));
        assertThat(again.id()).isEqualTo(m.id());
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("change visibility: each entry gets its own outcome; an invalid handle fails alone")
    public void changeVisibilityReportsEachEntry() {
        SingleQueue q = provisionQueue("visbatch");
        sender(q).publishAll(List.of(message(NOTIFICATION), message(NOTIFICATION)));
        MessageSource source = source(q);
        List<ReceivedMessage> both = awaitMessages(source, 2);
        assertThat(both).hasSize(2);
        ReceivedMessage invalid = withReceiptHandle(both.get(1), "tck-invalid-receipt-handle-" + suffix);
        OperationResult result = source.changeVisibility(List.of(both.get(0), invalid), Duration.ZERO);
        assertThat(handles(result.succeeded())).containsExactly(both.get(0).receiptHandle());
        assertThat(result.failed()).extracting(f -> f.message().receiptHandle()).containsExactly(invalid.receiptHandle());
        assertThat(ids(receiveExactly(source, 1))).containsExactly(both.get(0).id());
    }

    @Test
    @DisplayName("change visibility: more than 12 h is rejected, naming the limit and the value; the message stays")
    public void changeVisibilityBeyondTwelveHoursRejected() {
        SingleQueue q = provisionQueue("toolong");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage d = single(awaitMessages(source, 1));
        assertThatThrownBy(() -> source.changeVisibility(List.of(d), Duration.ofHours(13)))
                .isInstanceOf(MsgflowException.class).hasMessageContaining("12 h").hasMessageContaining("13 h");
        advancePast(timing.visibilityTimeout());
        assertThat(ids(awaitMessages(source, 1))).containsExactly(m.id());
    }

    // ---------------------------------------------------------------- receive

    @Test
    @DisplayName("receive: a long poll returns as soon as a message arrives, before its wait lapses")
    public void receiveWaitReturnsWhenAMessageArrives() throws Exception {
        SingleQueue q = provisionQueue("longpoll");
        MessageSource source = source(q);
        Instant start = clock().instant();
        Future<Timed> waiting = executor(1).submit(timed(() -> source.receive(1, LONG_POLL)));
        assertThatThrownBy(() -> waiting.get(PENDING_CHECK.toMillis(), TimeUnit.MILLISECONDS))
                .as("a long poll on an empty queue is still waiting after %s", PENDING_CHECK).isInstanceOf(TimeoutException.class);
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        Timed result = waiting.get(timing.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ids(result.messages())).containsExactly(m.id());
        assertThat(Duration.between(start, result.returnedAt())).isLessThan(LONG_POLL);
    }

    @Test
    @DisplayName("receive: on an empty queue a long poll returns nothing once its wait has passed")
    public void receiveOnEmptyQueueReturnsEmptyAfterTheWait() throws Exception {
        SingleQueue q = provisionQueue("empty");
        MessageSource source = source(q);
        Instant start = clock().instant();
        Future<Timed> waiting = executor(1).submit(timed(() -> source.receive(10, EMPTY_RECEIVE_WAIT)));
        Timed result = awaitAdvancingTime(waiting, EMPTY_RECEIVE_WAIT.dividedBy(4));
        assertThat(result.messages()).isEmpty();
        assertThat(Duration.between(start, result.returnedAt())).isGreaterThanOrEqualTo(EMPTY_RECEIVE_WAIT);
    }

    @ParameterizedTest(name = "maxMessages {0}")
    @ValueSource(ints = {1, 5, 10})
    @DisplayName("receive: never returns more than maxMessages")
    public void receiveRespectsMaxMessages(int maxMessages) {
        SingleQueue q = provisionQueue("max" + maxMessages);
        sender(q).publishAll(IntStream.range(0, 12).mapToObj(i -> message(NOTIFICATION)).toList());
        List<ReceivedMessage> batch = poller.firstBatch(source(q), maxMessages);
        assertThat(batch).hasSizeBetween(1, maxMessages);
        assertThat(ids(batch)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "maxMessages {0}")
    @ValueSource(ints = {0, 11})
    @DisplayName("receive: maxMessages outside 1..10 is rejected, naming the setting and the value")
    public void receiveRejectsMaxMessagesOutOfRange(int maxMessages) {
        SingleQueue q = provisionQueue("badmax");
        MessageSource source = source(q);
        assertThatThrownBy(() -> source.receive(maxMessages, Duration.ZERO)).isInstanceOf(MsgflowException.class)
                .hasMessageContaining("maxMessages").hasMessageContaining("10").hasMessageContaining(String.valueOf(maxMessages));
    }

    @Test
    @DisplayName("receive: a wait above 20 s is rejected, naming the limit and the value")
    public void receiveRejectsWaitAboveTwentySeconds() {
        SingleQueue q = provisionQueue("badwait");
        MessageSource source = source(q);
        assertThatThrownBy(() -> source.receive(1, Duration.ofSeconds(21))).isInstanceOf(MsgflowException.class)
                .hasMessageContaining("wait").hasMessageContaining("20 s").hasMessageContaining("21 s");
    }

    // ---------------------------------------------------------------- dead-letter queues

    @Test
    @DisplayName("redrive: after maxReceiveCount receives the message is in the DLQ, same id and body, gone from the source")
    public void redriveMovesToDeadLetterQueueAfterMaxReceiveCount() {
        requires(DEAD_LETTER_REDRIVE);
        String work = uniqueName("work");
        String dlq = uniqueName("work-dlq");
        SingleQueue q = provisionQueue(queueSpecBuilder(work).deadLetterQueue(dlq, 2).build());
        Message m = message(CRITICAL_ALERT).toBuilder().attribute("store", "example_corp").build();
        sender(q).publish(m);
        MessageSource source = source(q);
        for (int receive = 1; receive <= 2; receive++) {
            ReceivedMessage d = single(awaitMessages(source, 1));
            assertThat(d.receiveCount()).isEqualTo(receive);
            advancePast(timing.visibilityTimeout());
        }
        assertNoMessage(source);
        ReceivedMessage dead = single(receiveExactly(source(q.topology(), dlq), 1));
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.type()).contains(CRITICAL_ALERT);
        assertThat(dead.attributes()).isEqualTo(q.topology().wireFormat().wireAttributes(m));
    }

    @Test
    @DisplayName("deadLetter(): moves at once, with the reason attribute, and deletes from the source")
    public void deadLetterMovesAtOnceWithReason() {
        String work = uniqueName("work");
        String dlq = uniqueName("work-dlq");
        SingleQueue q = provisionQueue(queueSpecBuilder(work).deadLetterQueue(dlq, 5).build());
        Message m = message(NOTIFICATION).toBuilder().attribute("store", "example_corp").build();
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage d = single(awaitMessages(source, 1));
        String reason = "undecodable body: Unexpected character ('x' (code 120)) at offset 0";
        OperationResult result = source.deadLetter(List.of(new DeadLetter(d, reason)));
        assertThat(result.failed()).isEmpty();
        assertThat(handles(result.succeeded())).containsExactly(d.receiptHandle());
        ReceivedMessage dead = single(receiveExactly(source(q.topology(), dlq), 1));
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.type()).contains(NOTIFICATION);
        assertThat(dead.attributes()).containsAllEntriesOf(q.topology().wireFormat().wireAttributes(m))
                .containsEntry(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE, MessageAttribute.string(reason));
        advancePast(timing.visibilityTimeout());
        assertNoMessage(source);
    }

    @Test
    @DisplayName("deadLetter(): without a DLQ the error names the queue, and the message stays on it")
    public void deadLetterWithoutDeadLetterQueueNamesTheQueue() {
        SingleQueue q = provisionQueue("nodlq");
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        ReceivedMessage d = single(awaitMessages(source, 1));
        assertThatThrownBy(() -> source.deadLetter(List.of(new DeadLetter(d, "permanent failure"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(q.queue());
        advancePast(timing.visibilityTimeout());
        ReceivedMessage again = single(awaitMessages(source, 1));
        assertThat(again.id()).isEqualTo(m.id());
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- FIFO

    @Test
    @DisplayName("FIFO: messages of one group arrive in publish order, with their group id")
    public void fifoKeepsOrderWithinAGroup() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("ordered")).build());
        List<Message> sent = IntStream.rangeClosed(1, 5).mapToObj(i -> fifo("g-1", "{\"step\":" + i + "}")).toList();
        assertThat(sender(q).publishBatch(sent).failed()).isEmpty();
        List<ReceivedMessage> received = poller.awaitAndAcknowledge(source(q), 5);
        assertThat(ids(received)).containsExactlyElementsOf(sentIds(sent));
        assertThat(received).allSatisfy(d -> assertThat(d.groupId()).contains("g-1"));
    }

    @Test
    @DisplayName("FIFO: a group is held back while one of its messages is in flight")
    public void fifoHoldsBackAGroupWhileInFlight() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("blocked")).build());
        Message first = fifo("g-a", "{\"n\":1}");
        Message second = fifo("g-a", "{\"n\":2}");
        sender(q).publishBatch(List.of(first, second));
        MessageSource source = source(q);
        ReceivedMessage inFlight = single(awaitMessages(source, 1, 1));
        assertThat(inFlight.id()).isEqualTo(first.id());
        assertNoMessage(source);
        source.acknowledge(List.of(inFlight));
        assertThat(ids(awaitMessages(source, 1, 1))).containsExactly(second.id());
    }

    @Test
    @DisplayName("FIFO: other groups are delivered while one group is in flight")
    public void fifoDeliversOtherGroupsMeanwhile() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("groups")).build());
        Message a1 = fifo("g-a", "{\"n\":1}");
        Message a2 = fifo("g-a", "{\"n\":2}");
        Message b1 = fifo("g-b", "{\"n\":1}");
        sender(q).publishBatch(List.of(a1, a2, b1));
        MessageSource source = source(q);
        assertThat(ids(awaitMessages(source, 2, 1))).containsExactlyInAnyOrder(a1.id(), b1.id());
        assertNoMessage(source);
    }

    @Test
    @DisplayName("FIFO: a second publish with the same deduplication id is accepted but not delivered")
    public void fifoDeduplicatesByDeduplicationId() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("dedup")).build());
        Message original = fifo("g-1", "{\"n\":1}").toBuilder().deduplicationId("dedup-" + suffix).build();
        Message repeat = fifo("g-1", "{\"n\":2}").toBuilder().deduplicationId("dedup-" + suffix).build();
        MessagePublisher publisher = sender(q);
        publisher.publish(original);
        publisher.publish(repeat);
        MessageSource source = source(q);
        assertThat(ids(poller.awaitAndAcknowledge(source, 1))).containsExactly(original.id());
        assertNoMessage(source);
    }

    @Test
    @DisplayName("FIFO: content-based deduplication drops a second message with the same body, whatever its id")
    public void fifoContentBasedDeduplication() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("content")).contentBasedDeduplication(true).build());
        Message original = Message.builder().type(NOTIFICATION).body("{\"same\":true}").groupId("g-1").build();
        Message sameBody = Message.builder().type(NOTIFICATION).body("{\"same\":true}").groupId("g-1").build();
        Message otherBody = Message.builder().type(NOTIFICATION).body("{\"same\":false}").groupId("g-1").build();
        MessagePublisher publisher = sender(q);
        List.of(original, sameBody, otherBody).forEach(publisher::publish);
        MessageSource source = source(q);
        assertThat(ids(poller.awaitAndAcknowledge(source, 2))).containsExactly(original.id(), otherBody.id());
        assertNoMessage(source);
    }

    @Test
    @DisplayName("FIFO: a message without group id is rejected and nothing is delivered")
    public void fifoRejectsMessageWithoutGroupId() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("nogroup")).contentBasedDeduplication(true).build());
        Message m = message(NOTIFICATION).toBuilder().deduplicationId("d-" + suffix).build();
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publish(m)).as(name)
                .isInstanceOf(MsgflowException.class).hasMessageFindingMatch("(?i)group"));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("FIFO: without deduplication id and without content-based deduplication a message is rejected")
    public void fifoRejectsMessageWithoutDeduplicationId() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("nodedup")).build());
        Message m = message(NOTIFICATION).toBuilder().groupId("g-1").build();
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publish(m)).as(name)
                .isInstanceOf(MsgflowException.class).hasMessageFindingMatch("(?i)deduplication"));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("FIFO: publish receipts carry sequence numbers that increase within a group")
    public void fifoPublishReceiptCarriesSequenceNumber() {
        requires(FIFO);
        SingleQueue q = provisionFifo(queueSpecBuilder(fifoName("sequence")).build());
        MessagePublisher publisher = sender(q);
        PublishReceipt first = publisher.publish(fifo("g-1", "{\"n\":1}"));
        PublishReceipt second = publisher.publish(fifo("g-1", "{\"n\":2}"));
        assertThat(first.sequenceNumber()).hasValueSatisfying(s -> assertThat(s).containsOnlyDigits());
        assertThat(second.sequenceNumber()).hasValueSatisfying(s -> assertThat(s).containsOnlyDigits());
        assertThat(new BigInteger(second.sequenceNumber().orElseThrow()))
                .isGreaterThan(new BigInteger(first.sequenceNumber().orElseThrow()));
    }

    // ---------------------------------------------------------------- batches

    @Test
    @DisplayName("batch: 11 entries are rejected before any I/O; nothing is published")
    public void batchOfElevenEntriesRejected() {
        SingleQueue q = provisionQueue("eleven");
        List<Message> eleven = IntStream.range(0, 11).mapToObj(i -> message(NOTIFICATION)).toList();
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publishBatch(eleven)).as(name)
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining(String.valueOf(MessageLimits.MAX_BATCH_ENTRIES)).hasMessageContaining("11 entries"));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("batch: an empty batch is rejected")
    public void emptyBatchRejected() {
        SingleQueue q = provisionQueue("emptybatch");
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publishBatch(List.of())).as(name)
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("0 entries"));
    }

    @Test
    @DisplayName("batch: 256 KiB + 1 byte in all is rejected before any I/O, naming limit and size")
    public void batchOverMaximumBytesRejected() {
        SingleQueue q = provisionQueue("bigbatch");
        WireFormat wire = q.topology().wireFormat();
        List<Message> batch = List.of(ofWireSize(wire, message(NOTIFICATION), MAX / 2),
                ofWireSize(wire, message(NOTIFICATION), MAX / 2 + 1));
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publishBatch(batch)).as(name)
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining(String.valueOf(MessageLimits.MAX_BATCH_BYTES)).hasMessageContaining((MAX + 1) + " bytes"));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("batch: one receipt per message, in order, each with its own transport id")
    public void publishBatchReportsOneReceiptPerMessage() {
        SingleQueue q = provisionQueue("batch");
        List<Message> sent = IntStream.range(0, 3).mapToObj(i -> message(NOTIFICATION)).toList();
        PublishResult result = sender(q).publishBatch(sent);
        assertThat(result.failed()).isEmpty();
        assertThat(result.successful()).extracting(PublishReceipt::messageId).containsExactlyElementsOf(sentIds(sent));
        assertThat(result.successful()).extracting(PublishReceipt::transportMessageId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(ids(receiveExactly(source(q), 3))).containsExactlyInAnyOrderElementsOf(sentIds(sent));
    }

    @Test
    @DisplayName("publishAll: 25 messages give 25 receipts in order and all arrive")
    public void publishAllChunksTwentyFiveMessages() {
        SingleQueue q = provisionQueue("all");
        List<Message> sent = IntStream.range(0, 25).mapToObj(i -> message(NOTIFICATION)).toList();
        PublishResult result = sender(q).publishAll(sent);
        assertThat(result.failed()).isEmpty();
        assertThat(result.successful()).extracting(PublishReceipt::messageId).containsExactlyElementsOf(sentIds(sent));
        assertThat(ids(receiveExactly(source(q), 25))).containsExactlyInAnyOrderElementsOf(sentIds(sent));
    }

    @Test
    @DisplayName("publishAll: splits by bytes when 10 entries would exceed 256 KiB")
    public void publishAllSplitsByBytes() {
        SingleQueue q = provisionQueue("allbytes");
        WireFormat wire = q.topology().wireFormat();
        List<Message> sent = IntStream.range(0, 3).mapToObj(i -> ofWireSize(wire, message(NOTIFICATION), 100 * 1024)).toList();
        PublishResult result = sender(q).publishAll(sent);
        assertThat(result.failed()).isEmpty();
        assertThat(result.successful()).extracting(PublishReceipt::messageId).containsExactlyElementsOf(sentIds(sent));
        List<ReceivedMessage> received = receiveExactly(source(q), 3);
        assertThat(received).extracting(ReceivedMessage::body).containsOnly(sent.get(0).body());
    }

    @Test
    @DisplayName("batch: one invalid entry rejects the whole batch before any I/O; nothing is half-published")
    public void batchWithOneInvalidEntryPublishesNothing() {
        SingleQueue q = provisionQueue("halfbatch");
        Message invalid = message(NOTIFICATION).toBuilder().attribute(q.topology().wireFormat().idAttribute(), "forged").build();
        List<Message> batch = List.of(message(NOTIFICATION), invalid, message(NOTIFICATION));
        publishers(q).forEach((name, publisher) -> {
            assertThatThrownBy(() -> publisher.publishBatch(batch)).as(name)
                    .isInstanceOf(MessageValidationException.class).hasMessageContaining(invalid.id());
            assertThatThrownBy(() -> publisher.publishAll(batch)).as(name + " publishAll")
                    .isInstanceOf(MessageValidationException.class).hasMessageContaining(invalid.id());
        });
        assertNoMessage(source(q));
    }

    // ---------------------------------------------------------------- validation

    @Test
    @DisplayName("validation: 256 KiB + 1 byte is rejected before any I/O, naming the message, the limit and the size")
    public void validationOversizeMessageRejected() {
        SingleQueue q = provisionQueue("oversize");
        Message m = ofWireSize(q.topology().wireFormat(), message(NOTIFICATION), MAX + 1);
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publish(m)).as(name)
                .isInstanceOfSatisfying(MessageValidationException.class, e -> {
                    assertThat(e.resource()).contains(m.id());
                    assertThat(e.rule()).contains(String.valueOf(MAX));
                    assertThat(e.value()).isEqualTo((MAX + 1) + " bytes");
                }));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("validation: 9 own attributes plus type and id make 11 on the wire and are rejected")
    public void validationElevenWireAttributesRejected() {
        SingleQueue q = provisionQueue("elevenattrs");
        Message m = receivedWithAttributes(9);
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publish(m)).as(name)
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining(String.valueOf(MessageLimits.MAX_ATTRIBUTES)).hasMessageContaining("11 attributes"));
        assertNoMessage(source(q));
    }

    @Test
    @DisplayName("validation: 8 own attributes plus type and id (10 on the wire) are accepted and arrive")
    public void validationTenWireAttributesAccepted() {
        SingleQueue q = provisionQueue("tenattrs");
        Message m = withAttributes(8);
        sender(q).publish(m);
        ReceivedMessage d = single(awaitMessages(source(q), 1));
        assertThat(d.attributes()).hasSize(MessageLimits.MAX_ATTRIBUTES).containsAllEntriesOf(m.attributes());
    }

    @Test
    @DisplayName("validation: 9 own attributes are rejected when the message is built, since type and id take two of 10")
    public void validationNineOwnAttributesRejected() {
        assertThatThrownBy(() -> withAttributes(9)).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("at most 8").hasMessageContaining("9 attributes");
    }

    @Test
    @DisplayName("validation: a source or queue sender of a queue the topology does not declare fails when created")
    public void undeclaredQueueFailsWhenTheSourceIsCreated() {
        SingleQueue q = provisionQueue("declared");
        String typo = q.queue() + "x";
        assertThatThrownBy(() -> transport().source(q.topology(), typo)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'" + typo + "'").hasMessageContaining(q.queue());
        assertThatThrownBy(() -> transport().queueSender(q.topology(), typo)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'" + typo + "'");
    }

    @Test
    @DisplayName("validation: an empty type is rejected")
    public void validationEmptyTypeRejected() {
        assertThatThrownBy(() -> Message.builder().type("").body("{}").build()).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("type must not be empty").hasMessageContaining("''");
    }

    @Test
    @DisplayName("validation: an attribute name with a space is rejected, naming it")
    public void validationInvalidAttributeNameRejected() {
        assertThatThrownBy(() -> message(NOTIFICATION).toBuilder().attribute("bad name", "x").build())
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("attribute name").hasMessageContaining("'bad name'");
    }

    @Test
    @DisplayName("validation: the AWS. and Amazon. prefixes are reserved")
    public void validationAwsPrefixRejected() {
        assertThatThrownBy(() -> message(NOTIFICATION).toBuilder().attribute("AWS.trace", "x").build())
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("reserved").hasMessageContaining("'AWS.trace'");
        assertThatThrownBy(() -> message(NOTIFICATION).toBuilder().attribute("amazon.trace", "x").build())
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("reserved").hasMessageContaining("'amazon.trace'");
    }

    @Test
    @DisplayName("validation: an own attribute named like the type attribute is rejected at publish; nothing is published")
    public void validationReservedAttributeNameRejected() {
        SingleQueue q = provisionQueue("reserved");
        String typeAttribute = q.topology().wireFormat().typeAttribute();
        Message m = message(NOTIFICATION).toBuilder().attribute(typeAttribute, CRITICAL_ALERT).build();
        publishers(q).forEach((name, publisher) -> assertThatThrownBy(() -> publisher.publish(m)).as(name)
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("reserved").hasMessageContaining(typeAttribute));
        assertNoMessage(source(q));
    }

    // ---------------------------------------------------------------- resources

    @Test
    @DisplayName("resources: publishing to a topic that does not exist names the topic")
    public void unknownTopicNamed() {
        requires(TOPICS);
        String queue = uniqueName("ghost");
        Topology t = topology().queue(queue).route(Route.toQueue(queue)).build();
        Message m = message(NOTIFICATION);
        assertThatThrownBy(() -> transport().publisher(t).publish(m))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.TOPIC);
                    assertThat(e.name()).contains(t.topic());
                    assertThat(e).hasMessageContaining(t.topic());
                });
    }

    @Test
    @DisplayName("resources: receiving from a queue that does not exist names the queue")
    public void unknownQueueNamedBySource() {
        String queue = uniqueName("ghost");
        Topology t = topology().queue(queue).build();
        assertQueueNotFound(queue, () -> transport().source(t, queue).receive(1, Duration.ZERO));
    }

    @Test
    @DisplayName("resources: sending to a queue that does not exist names the queue")
    public void unknownQueueNamedByQueueSender() {
        String queue = uniqueName("ghost");
        Topology t = topology().queue(queue).build();
        Message m = message(NOTIFICATION);
        assertQueueNotFound(queue, () -> transport().queueSender(t, queue).publish(m));
    }

    @Test
    @DisplayName("provision: running it twice changes nothing; queued messages stay, no second subscription")
    public void provisionTwiceIsIdempotent() {
        SingleQueue q = provisionQueue("twice");
        Message before = message(NOTIFICATION);
        sender(q).publish(before);
        transport().provision(q.topology());
        Message after = message(NOTIFICATION);
        sender(q).publish(after);
        assertThat(ids(receiveExactly(source(q), 2))).containsExactlyInAnyOrder(before.id(), after.id());
    }

    // ---------------------------------------------------------------- delay

    @Test
    @DisplayName("delay queue: a new message is hidden for the delay, then delivered")
    public void delayQueueHidesNewMessagesUntilTheDelay() {
        requires(DELAY);
        Duration delay = timing.visibilityTimeout();
        SingleQueue q = provisionQueue(queueSpecBuilder(uniqueName("delayed")).delay(delay).build());
        Message m = message(NOTIFICATION);
        sender(q).publish(m);
        MessageSource source = source(q);
        assertNoMessage(source);
        advancePast(delay);
        ReceivedMessage d = single(awaitMessages(source, 1));
        assertThat(d.id()).isEqualTo(m.id());
        assertThat(d.receiveCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    @DisplayName("concurrency: 4 publishing threads, 1 000 messages, 2 consumers: each received and acknowledged once")
    public void concurrentPublishersAndConsumersDeliverEachMessageOnce() throws Exception {
        int publisherThreads = 4;
        int perThread = 250;
        int total = publisherThreads * perThread;
        SingleQueue q = provisionQueue(QueueSpec.named(uniqueName("load")));
        MessagePublisher publisher = sender(q);
        MessageSource source = source(q);
        List<Message> sent = IntStream.range(0, total).mapToObj(i -> message(NOTIFICATION)).toList();
        Counts counts = new Counts();
        ExecutorService pool = executor(publisherThreads + 2);
        long deadline = Poller.deadline(timing.deliveryTimeout().multipliedBy(6));
        List<Future<?>> consumers = List.of(pool.submit(() -> consume(source, total, counts, deadline)),
                pool.submit(() -> consume(source, total, counts, deadline)));
        List<Future<PublishResult>> publishing = new ArrayList<>();
        for (int i = 0; i < publisherThreads; i++) {
            List<Message> slice = sent.subList(i * perThread, (i + 1) * perThread);
            publishing.add(pool.submit(() -> publisher.publishAll(slice)));
        }
        for (Future<PublishResult> f : publishing) {
            PublishResult result = f.get();
            assertThat(result.failed()).isEmpty();
            assertThat(result.successful()).hasSize(perThread);
        }
        for (Future<?> f : consumers) {
            f.get();
        }
        Set<String> expected = Set.copyOf(sentIds(sent));
        assertThat(counts.received.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.acknowledged.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Counts.notOnce(counts.received)).as("ids received other than once").isEmpty();
        assertThat(Counts.notOnce(counts.acknowledged)).as("ids acknowledged other than once").isEmpty();
        assertNoMessage(source);
    }

    // ================================================================ helpers for subclasses

    /** A name unique to the running test: {@code base-<suffix>}. */
    protected final String uniqueName(String base) {
        return base + "-" + suffix;
    }

    /** Whether the transport declares {@code feature}. */
    protected final boolean supports(TransportFeature feature) {
        return features().contains(feature);
    }

    /** Skips the running test unless the transport has every one of {@code needed}, naming the first missing. */
    protected final void requires(TransportFeature... needed) {
        for (TransportFeature feature : needed) {
            Assumptions.assumeTrue(supports(feature),
                    () -> "transport lacks feature " + feature + " (" + feature.description() + ")");
        }
    }

    /**
     * Receives from {@code source} until {@code count} deliveries arrived or
     * {@link KitTiming#deliveryTimeout()} passed; returns what arrived, possibly fewer.
     */
    protected final List<ReceivedMessage> awaitMessages(MessageSource source, int count) {
        return awaitMessages(source, count, 10);
    }

    /** Like {@link #awaitMessages(MessageSource, int)}, asking at most {@code maxPerReceive} per receive. */
    protected final List<ReceivedMessage> awaitMessages(MessageSource source, int count, int maxPerReceive) {
        return poller.await(source, count, maxPerReceive);
    }

    /** Awaits {@code count} deliveries, asserts that they all came and that no further one arrives. */
    protected final List<ReceivedMessage> receiveExactly(MessageSource source, int count) {
        List<ReceivedMessage> received = awaitMessages(source, count);
        assertThat(received).as("deliveries from queue '%s' within %s", source.queue(), timing.deliveryTimeout()).hasSize(count);
        assertNoMessage(source);
        return received;
    }

    /** Asserts that no delivery arrives on {@code source} within {@link KitTiming#settleTime()}. */
    protected final void assertNoMessage(MessageSource source) {
        assertThat(poller.strays(source)).as("unexpected deliveries from queue '%s'", source.queue()).isEmpty();
    }

    /** Advances time past {@code deadline} by the timing's margin. */
    protected final void advancePast(Duration deadline) {
        advanceTime(deadline.plus(timing.margin()));
    }

    // ================================================================ private helpers

    private void assertFilterDelivers(String policy, FilterScope scope, List<Message> matching, List<Message> others) {
        requires(TOPICS);
        String queue = uniqueName("filtered");
        String all = uniqueName("all");
        Topology t = provisioned(topology().queue(queue).queue(all)
                .route(Route.toQueue(queue).filter(FilterPolicy.parse(policy, scope))).route(Route.toQueue(all)).build());
        List<Message> sent = new ArrayList<>(others);
        sent.addAll(matching);
        assertThat(transport().publisher(t).publishAll(sent).failed()).isEmpty();
        receiveExactly(source(t, all), sent.size());
        assertThat(ids(receiveExactly(source(t, queue), matching.size())))
                .as("messages passing %s policy %s", scope, policy).containsExactlyInAnyOrderElementsOf(sentIds(matching));
    }

    private void assertQueueNotFound(String queue, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.QUEUE);
            assertThat(e.name()).contains(queue);
            assertThat(e).hasMessageContaining(queue);
        });
    }

    private Timed awaitAdvancingTime(Future<Timed> pending, Duration step) throws Exception {
        long deadline = Poller.deadline(timing.deliveryTimeout().plus(EMPTY_RECEIVE_WAIT));
        while (true) {
            try {
                return pending.get(10, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (Poller.passed(deadline)) {
                    throw e;
                }
                advanceTime(step);
            }
        }
    }

    private void consume(MessageSource source, int total, Counts counts, long deadline) {
        while (counts.acknowledgedTotal.get() < total && !Poller.passed(deadline)) {
            List<ReceivedMessage> batch = poller.receive(source, 10);
            if (batch.isEmpty()) {
                continue;
            }
            batch.forEach(d -> Counts.increment(counts.received, d.id()));
            source.acknowledge(batch).succeeded().forEach(d -> {
                Counts.increment(counts.acknowledged, d.id());
                counts.acknowledgedTotal.incrementAndGet();
            });
        }
    }

    private Callable<Timed> timed(Callable<List<ReceivedMessage>> receive) {
        return () -> {
            List<ReceivedMessage> messages = receive.call();
            return new Timed(messages, clock().instant());
        };
    }

    private ExecutorService executor(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "tck-" + suffix);
            thread.setDaemon(true);
            return thread;
        });
        executors.add(pool);
        return pool;
    }

    private Topology.Builder topology() {
        return Topology.builder(uniqueName("tck"));
    }

    private Topology provisioned(Topology t) {
        transport().provision(t);
        return t;
    }

    private FanOut provisionFanOut() {
        String notifications = uniqueName("notifications");
        String alerts = uniqueName("alerts");
        Topology t = provisioned(topology().queue(notifications).queue(alerts)
                .routeType(NOTIFICATION, notifications).routeType(CRITICAL_ALERT, alerts).build());
        return new FanOut(t, notifications, alerts);
    }

    private RawAndEnvelope provisionRawAndEnvelope() {
        String raw = uniqueName("raw");
        String envelope = uniqueName("envelope");
        Topology t = provisioned(topology().queue(queueSpec(raw)).queue(queueSpec(envelope))
                .route(Route.toQueue(raw)).route(Route.toQueue(envelope).delivery(Delivery.ENVELOPE)).build());
        return new RawAndEnvelope(t, raw, envelope);
    }

    private SingleQueue provisionQueue(String base) {
        return provisionQueue(queueSpec(uniqueName(base)));
    }

    /** One queue, subscribed to the topic without filter when the transport has topics. */
    private SingleQueue provisionQueue(QueueSpec queue) {
        Topology.Builder b = topology().queue(queue);
        if (supports(TOPICS)) {
            b.route(Route.toQueue(queue.name()));
        }
        return new SingleQueue(provisioned(b.build()), queue.name());
    }

    /** A FIFO topic (with the queue's content-based deduplication) feeding one FIFO queue. */
    private SingleQueue provisionFifo(QueueSpec queue) {
        Topology.Builder b = Topology.builder(uniqueName("tck") + ".fifo").queue(queue)
                .contentBasedDeduplication(queue.contentBasedDeduplication());
        if (supports(TOPICS)) {
            b.route(Route.toQueue(queue.name()));
        }
        return new SingleQueue(provisioned(b.build()), queue.name());
    }

    private String fifoName(String base) {
        return uniqueName(base) + ".fifo";
    }

    private QueueSpec queueSpec(String name) {
        return queueSpecBuilder(name).build();
    }

    private QueueSpec.Builder queueSpecBuilder(String name) {
        return QueueSpec.builder(name).visibilityTimeout(timing.visibilityTimeout());
    }

    /** Through the topic when the transport has topics, else straight to the queue. */
    private MessagePublisher sender(SingleQueue q) {
        return supports(TOPICS) ? transport().publisher(q.topology()) : transport().queueSender(q.topology(), q.queue());
    }

    /** Every publisher that reaches the queue: the queue sender and, with topics, the topic publisher. */
    private Map<String, MessagePublisher> publishers(SingleQueue q) {
        Map<String, MessagePublisher> publishers = new LinkedHashMap<>();
        publishers.put("queue sender", transport().queueSender(q.topology(), q.queue()));
        if (supports(TOPICS)) {
            publishers.put("topic publisher", transport().publisher(q.topology()));
        }
        return publishers;
    }

    private MessageSource source(SingleQueue q) {
        return source(q.topology(), q.queue());
    }

    private MessageSource source(Topology t, String queue) {
        return transport().source(t, queue);
    }

    private ReceivedMessage single(List<ReceivedMessage> received) {
        assertThat(received).as("deliveries within %s", timing.deliveryTimeout()).hasSize(1);
        return received.get(0);
    }

    private static List<String> ids(List<ReceivedMessage> deliveries) {
        return deliveries.stream().map(ReceivedMessage::id).toList();
    }

    private static List<String> sentIds(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<String> handles(List<ReceivedMessage> deliveries) {
        return deliveries.stream().map(ReceivedMessage::receiptHandle).toList();
    }

    private static List<String> outcomeHandles(OperationResult result) {
        List<String> all = new ArrayList<>(handles(result.succeeded()));
        result.failed().stream().map(EntryFailure::message).map(ReceivedMessage::receiptHandle).forEach(all::add);
        return all;
    }

    private record FanOut(Topology topology, String notifications, String alerts) {
    }

    private record RawAndEnvelope(Topology topology, String raw, String envelope) {
    }

    private record SingleQueue(Topology topology, String queue) {
    }

    private record Timed(List<ReceivedMessage> messages, Instant returnedAt) {
    }

    /** Per-id receive and acknowledgement counts of the concurrency test, written by several threads. */
    private static final class Counts {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger acknowledgedTotal = new AtomicInteger();

        static void increment(Map<String, AtomicInteger> counts, String id) {
            counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }

        static Map<String, Integer> notOnce(Map<String, AtomicInteger> counts) {
            Map<String, Integer> others = new HashMap<>();
            counts.forEach((id, n) -> {
                if (n.get() != 1) {
                    others.put(id, n.get());
                }
            });
            return others;
        }
    }
}
