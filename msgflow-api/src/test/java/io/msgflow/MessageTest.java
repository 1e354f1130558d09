package io.msgflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

    @Test
    void assignsAFreshIdWhenNoneIsGiven() {
        Message a = Message.of("notification", "{}");
        Message b = Message.of("notification", "{}");
        assertThat(a.id()).isNotBlank().isNotEqualTo(b.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsAnEmptyType(String type) {
        assertThatThrownBy(() -> Message.builder().type(type).body("{}").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("type must not be empty")
                .hasMessageContaining("'" + type + "'");
    }

    @Test
    void rejectsAMissingType() {
        assertThatThrownBy(() -> Message.builder().body("{}").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("type must not be empty, but was null");
    }

    @Test
    void rejectsMoreThanTenAttributesEvenOnAReceivedMessage() {
        Message.Builder b = Message.builder().type("t").body("{}");
        for (int i = 0; i < 11; i++) {
            b.attribute("a" + i, "v");
        }
        assertThatThrownBy(b::buildReceived)
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("at most 10 message attributes")
                .hasMessageContaining("11 attributes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS.trace", "amazon.x", ".lead", "trail.", "two..dots", "sp ace", "ü"})
    void rejectsAttributeNamesSnsAndSqsRefuse(String name) {
        assertThatThrownBy(() -> Message.builder().type("t").body("{}").attribute(name, "v").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("attribute name")
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void acceptsAttributeNamesSnsAndSqsAllow() {
        Message m = Message.builder().type("t").body("{}").attribute("a-b_c.d9", "v").build();
        assertThat(m.attributes()).containsKey("a-b_c.d9");
    }

    @Test
    void rejectsAFifoGroupIdWithSpaces() {
        assertThatThrownBy(() -> Message.builder().type("t").body("{}").groupId("a b").build())
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("message group id must be 1 to 128 printable ASCII characters");
    }

    @Test
    void rejectsANumberAttributeThatIsNotANumber() {
        assertThatThrownBy(() -> MessageAttribute.of("Number", "12a"))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("must be a number")
                .hasMessageContaining("'12a'");
    }

    @Test
    void rejectsAStringArrayThatIsNotAJsonArray() {
        assertThatThrownBy(() -> MessageAttribute.of("String.Array", "a,b"))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("must be a JSON array");
    }

    @Test
    void rejectsAnUnknownDataType() {
        assertThatThrownBy(() -> MessageAttribute.of("Integer", "1"))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("'Integer'");
    }

    @Test
    void keepsTheBaseTypeOfCustomDataTypes() {
        assertThat(MessageAttribute.of("Number.float", "1.5").type()).isEqualTo(AttributeType.NUMBER);
        assertThat(MessageAttribute.ofBinary("Binary.gzip", new byte[] {1}).type()).isEqualTo(AttributeType.BINARY);
        assertThat(MessageAttribute.stringArray(List.of("a", 1)).stringValue()).isEqualTo("[\"a\",1]");
    }

    @Test
    void countsAttributeNamesTypesAndValuesInTheSize() {
        Message m = Message.builder().id("id-1").type("notification").body("12345").attribute("k", "vv").build();
        // body 5 + "k"(1) + "String"(6) + "vv"(2) + message_type(12) + String(6) + notification(12)
        // + msgflow_id(10) + String(6) + id-1(4)
        assertThat(WireFormat.defaults().sizeInBytes(m)).isEqualTo(5 + 9 + 30 + 20);
    }

    @Test
    void rejectsAMessageOverTheSizeLimitBeforeAnyIo() {
        Message m = Message.builder().type("t").body("x".repeat(MessageLimits.MAX_MESSAGE_BYTES)).build();
        assertThatThrownBy(() -> WireFormat.defaults().validate(m))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("message " + m.id())
                .hasMessageContaining("at most 262144 bytes")
                .hasMessageContaining((MessageLimits.MAX_MESSAGE_BYTES + WireFormat.defaults().sizeInBytes(m) - MessageLimits.MAX_MESSAGE_BYTES) + " bytes");
    }

    @Test
    void theBuilderRefusesMoreUserAttributesThanPublishAllowsBecauseTypeAndIdTakeTwo() {
        Message.Builder b = Message.builder().type("t").body("{}");
        for (int i = 0; i < 9; i++) {
            b.attribute("a" + i, "v");
        }
        assertThatThrownBy(b::build)
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("at most 8 user attributes")
                .hasMessageContaining("type and id")
                .hasMessageContaining("9 attributes");
    }

    @Test
    void eightUserAttributesArePublishable() {
        Message.Builder b = Message.builder().type("t").body("{}");
        for (int i = 0; i < 8; i++) {
            b.attribute("a" + i, "v");
        }
        Message m = b.build();
        assertThat(WireFormat.defaults().wireAttributes(m)).hasSize(10);
        assertThat(WireFormat.defaults().validate(m)).isPositive();
    }

    @Test
    void aReceivedMessageMayCarryUpToTenUserAttributesButCannotBePublishedAsIs() {
        Message.Builder b = Message.builder().type("t").body("{}");
        for (int i = 0; i < 9; i++) {
            b.attribute("a" + i, "v");
        }
        Message m = b.buildReceived();
        assertThatThrownBy(() -> WireFormat.defaults().validate(m))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("including msgflow's type and id attributes")
                .hasMessageContaining("11 attributes");
    }

    @Test
    void rejectsUserAttributesThatUseTheReservedNames() {
        Message m = Message.builder().type("t").body("{}").attribute("message_type", "x").build();
        assertThatThrownBy(() -> WireFormat.defaults().wireAttributes(m))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void splitsWireAttributesBackIntoTypeIdAndUserAttributes() {
        Message m = Message.builder().type("critical_alert").body("{}").attribute("severity", MessageAttribute.number(3)).build();
        var wire = WireFormat.defaults().wireAttributes(m);
        assertThat(WireFormat.defaults().typeOf(wire)).contains("critical_alert");
        assertThat(WireFormat.defaults().idOf(wire)).contains(m.id());
        assertThat(WireFormat.defaults().userAttributes(wire)).isEqualTo(m.attributes());
    }
}
