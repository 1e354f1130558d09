package io.msgflow.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.internal.MessageRules;
import io.msgflow.transport.MessageSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterCopyTest {

    @Test
    void fitCutsAtUtf8BytesWithoutSplittingACharacter() {
        assertThat(DeadLetterCopy.fit("héllo", 10)).isEqualTo("héllo");
        assertThat(DeadLetterCopy.fit("héllo", 2)).isEqualTo("h");
        assertThat(DeadLetterCopy.fit("a😀b", 4)).isEqualTo("a");
        assertThat(DeadLetterCopy.fit("a😀b", 5)).isEqualTo("a😀");
        assertThat(DeadLetterCopy.fit("abc", 0)).isEmpty();
    }

    @Test
    void aReasonTooLongForTheSizeLimitIsShortenedAndTheCopyFits() {
        String body = "b".repeat(MessageLimits.MAX_MESSAGE_BYTES - 100);
        StoredMessage original = StoredMessage.of(body, Map.of("k", MessageAttribute.string("v")), null, Instant.EPOCH);

        StoredMessage copy = DeadLetterCopy.of(original, "q", "r".repeat(500), Instant.EPOCH);

        String reason = copy.sqsAttributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue();
        assertThat(reason).isNotEmpty().hasSizeLessThan(500).matches("r+");
        assertThat(MessageRules.sizeInBytes(copy.sqsBody(), copy.sqsAttributes())).isEqualTo(MessageLimits.MAX_MESSAGE_BYTES);
        assertThat(copy.sqsBody().getBytes(StandardCharsets.UTF_8)).hasSize(body.length());
        assertThat(copy.sqsMessageId()).isNotEqualTo(original.sqsMessageId());
    }

    @Test
    void anEarlierReasonIsReplaced() {
        StoredMessage original = StoredMessage.of("{}", Map.of(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE, MessageAttribute.string("old")),
                null, Instant.EPOCH);

        StoredMessage copy = DeadLetterCopy.of(original, "q", "new", Instant.EPOCH);

        assertThat(copy.sqsAttributes()).containsOnlyKeys(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE);
        assertThat(copy.sqsAttributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue()).isEqualTo("new");
    }
}
