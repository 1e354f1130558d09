package io.msgflow.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.WireFormat;
import io.msgflow.internal.MessageRules;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterCopyTest {
    private static final String REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;

    private static ReceivedMessage delivery(String id, String body, Map<String, MessageAttribute> attributes) {
        return new ReceivedMessage("orders", id, "sqs-1", "rh-1", 3, Instant.EPOCH, Optional.of("order"), body, attributes,
                Optional.empty(), Optional.empty());
    }

    @Test
    void fitCutsAtUtf8BytesWithoutSplittingACharacter() {
        assertThat(DeadLetterCopy.fit("héllo", 10)).isEqualTo("héllo");
        assertThat(DeadLetterCopy.fit("héllo", 2)).isEqualTo("h");
        assertThat(DeadLetterCopy.fit("a😀b", 4)).isEqualTo("a");
        assertThat(DeadLetterCopy.fit("a😀b", 5)).isEqualTo("a😀");
        assertThat(DeadLetterCopy.fit("abc", 0)).isEmpty();
    }

    @Test
    void theCopyCarriesBodyAttributesIdAndTheMetadata() {
        Map<String, MessageAttribute> attributes = Map.of("message_type", MessageAttribute.string("order"), "msgflow_id",
                MessageAttribute.string("m-1"), "tenant", MessageAttribute.string("acme"));
        DeadLetterCopy copy = DeadLetterCopy.of(new DeadLetter(delivery("m-1", "{\"n\":1}", attributes), "bad order"),
                WireFormat.defaults(), Instant.parse("2025-01-01T00:00:05Z"));

        assertThat(copy.body()).isEqualTo("{\"n\":1}");
        assertThat(copy.attributes()).containsAllEntriesOf(attributes);
        assertThat(copy.attributes().get(REASON).stringValue()).isEqualTo("bad order");
        assertThat(copy.attributes().get(DeadLetterCopy.QUEUE_ATTRIBUTE).stringValue()).isEqualTo("orders");
        assertThat(copy.attributes().get(DeadLetterCopy.ATTEMPTS_ATTRIBUTE).stringValue()).isEqualTo("3");
        assertThat(copy.attributes().get(DeadLetterCopy.FAILED_AT_ATTRIBUTE).stringValue()).isEqualTo("2025-01-01T00:00:05Z");
        assertThat(copy.omitted()).isEmpty();
    }

    @Test
    void aForeignMessageGetsItsRecoveredIdAsIdAttribute() {
        DeadLetterCopy copy = DeadLetterCopy.of(new DeadLetter(delivery("sns-id-7", "plain", Map.of()), "no type"),
                WireFormat.defaults(), Instant.EPOCH);

        assertThat(copy.attributes().get("msgflow_id").stringValue()).isEqualTo("sns-id-7");
    }

    @Test
    void aReasonTooLongForTheSizeLimitIsShortenedAndTheCopyFits() {
        String body = "b".repeat(MessageLimits.MAX_MESSAGE_BYTES - 300);
        DeadLetterCopy copy = DeadLetterCopy.of(new DeadLetter(delivery("m", body, Map.of("msgflow_id", MessageAttribute.string("m"))),
                "r".repeat(500)), WireFormat.defaults(), Instant.EPOCH);

        String reason = copy.attributes().get(REASON).stringValue();
        assertThat(reason).isNotEmpty().hasSizeLessThan(500).matches("r+");
        assertThat(MessageRules.sizeInBytes(copy.body(), copy.attributes())).isEqualTo(MessageLimits.MAX_MESSAGE_BYTES);
        assertThat(copy.body().getBytes(StandardCharsets.UTF_8)).hasSize(body.length());
        assertThat(copy.omitted()).containsExactly(REASON + " (shortened)");
    }

    @Test
    void anEarlierReasonIsReplacedAndTenAttributesKeepTheReasonFirst() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put(REASON, MessageAttribute.string("old"));
        attributes.put("msgflow_id", MessageAttribute.string("m"));
        for (int i = 0; i < 7; i++) {
            attributes.put("a" + i, MessageAttribute.string("v"));
        }
        DeadLetterCopy copy = DeadLetterCopy.of(new DeadLetter(delivery("m", "{}", attributes), "new"), WireFormat.defaults(), Instant.EPOCH);

        assertThat(copy.attributes()).hasSize(MessageLimits.MAX_ATTRIBUTES);
        assertThat(copy.attributes().get(REASON).stringValue()).isEqualTo("new");
        assertThat(copy.omitted()).containsExactly(DeadLetterCopy.ATTEMPTS_ATTRIBUTE, DeadLetterCopy.FAILED_AT_ATTRIBUTE);
    }
}
