package io.msgflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What SNS and SQS refuse, msgflow refuses before any I/O, naming the rule. */
class MessageParityTest {
    private static final String CHARACTERS = "must contain only the characters SQS allows";

    private static Message.Builder message() {
        return Message.builder().type("notification").body("{}");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThatThrownBy(() -> message().body("").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("body must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0008b", "a\uFFFEb", "a\uFFFFb", "a\uD83Db", "end \uD83D", "\uDC00 start", "a\u001Fb"})
    void aBodyWithACharacterSqsRefusesIsRefused(String body) {
        assertThatThrownBy(() -> message().body(body).build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("body " + CHARACTERS)
                .hasMessageMatching("(?s).*U\\+[0-9A-F]{4} at index \\d+.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "line\nfeed\r", "emoji 😀", "private \uE000", "last \uFFFD", "astral \uDBFF\uDFFF"})
    void everyCharacterSqsAllowsIsAccepted(String body) {
        assertThat(message().body(body).build().body()).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\uFFFEb", "order-\uD83D"})
    void aStringAttributeValueWithACharacterSqsRefusesIsRefused(String value) {
        assertThatThrownBy(() -> MessageAttribute.string(value))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("value " + CHARACTERS);
        assertThatThrownBy(() -> MessageAttribute.of("String.Array", "[\"" + value + "\"]"))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining(CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123456789012345678", "1e-128", "-1e-128", "1e126", "9.9999e125", "0", "0e999999",
        "100000000000000000000000000000000000000000000", "0.000000000000000000000000000000000000000000001"})
    void numberAttributesWithinTheSnsAndSqsRangeAreAccepted(String value) {
        assertThat(MessageAttribute.of("Number", value).stringValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "1e-129", "9e-129", "1.1e126", "1e127", "-1e127",
        "1e-100000000", "1e100000000", "1e99999999999999999999999"})
    void numberAttributesBeyondWhatSnsAndSqsAllowAreRefused(String value) {
        assertThatThrownBy(() -> MessageAttribute.of("Number", value))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("Number value must have at most 38 significant digits and a magnitude from 10^-128 to 10^+126");
    }

    @Test
    void aHugeBigDecimalIsRefusedWithoutWritingItOut() {
        assertThatThrownBy(() -> MessageAttribute.number(new BigDecimal("1e-100000000")))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("magnitude 10^-100000000");
        assertThatThrownBy(() -> MessageAttribute.number(Double.NaN))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("must be a number in decimal notation");
    }

    @Test
    void anEmptyBinaryValueIsRefused() {
        assertThatThrownBy(() -> MessageAttribute.binary(new byte[0]))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("must have a non-empty binary value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-\uD83D", "order-\uDE00", "a\u0000b", "\uFFFF"})
    void anIdThatCannotSurviveEveryHopIsRefused(String id) {
        assertThatThrownBy(() -> message().id(id).build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("id " + CHARACTERS)
                .hasMessageNotContaining(id);
    }

    @Test
    void anIdLongerThanTheDocumentedMaximumIsRefused() {
        String longest = "x".repeat(512);
        assertThat(message().id(longest).build().id()).isEqualTo(longest);
        assertThatThrownBy(() -> message().id(longest + "x").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("id must be 1 to 512 characters, but was 513 characters");
    }

    @Test
    void aTypeWithACharacterSqsRefusesIsRefused() {
        assertThatThrownBy(() -> message().type("alert\u0000").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("type " + CHARACTERS);
    }
}
