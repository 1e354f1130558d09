package io.msgflow.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    record Notification(String text, int priority) {
    }

    record CriticalAlert(String text) {
    }

    record HTTPError(int code) {
    }

    private final MessageCodec codec = MessageCodec.builder().register(Notification.class).register(CriticalAlert.class).build();

    @Test
    void namesTypesInSnakeCaseByDefault() {
        assertThat(codec.typeName(Notification.class)).isEqualTo("notification");
        assertThat(codec.typeName(CriticalAlert.class)).isEqualTo("critical_alert");
        assertThat(TypeNaming.SNAKE_CASE.typeName(HTTPError.class)).isEqualTo("http_error");
        assertThat(codec.typeNames()).containsExactly("notification", "critical_alert");
    }

    @Test
    void roundTripsARecord() {
        Message m = codec.encode(new Notification("disk at 80%", 2));
        assertThat(m.type()).isEqualTo("notification");
        assertThat(m.body()).isEqualTo("{\"text\":\"disk at 80%\",\"priority\":2}");
        assertThat(codec.decode(m)).isEqualTo(new Notification("disk at 80%", 2));
        assertThat(codec.decode(m, Notification.class).priority()).isEqualTo(2);
    }

    @Test
    void takesAnExplicitTypeName() {
        MessageCodec custom = MessageCodec.builder().register(CriticalAlert.class, "alert.v2").build();
        assertThat(custom.encode(new CriticalAlert("x")).type()).isEqualTo("alert.v2");
        assertThat(custom.javaType("alert.v2")).contains(CriticalAlert.class);
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> codec.decode("invoice", "{}"))
                .isInstanceOf(UnknownMessageTypeException.class)
                .hasMessageContaining("unknown message type 'invoice'")
                .hasMessageContaining("notification");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        Message m = Message.builder().type("notification").body("not json").build();
        assertThatThrownBy(() -> codec.decode(m))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("message " + m.id())
                .hasMessageContaining("not valid JSON for type 'notification'");
    }

    @Test
    void refusesAJsonNullBody() {
        assertThatThrownBy(() -> codec.decode("notification", "null"))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("JSON null");
    }

    @Test
    void refusesToEncodeAnUnregisteredType() {
        assertThatThrownBy(() -> codec.encode(new HTTPError(500)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("HTTPError is not registered");
    }

    @Test
    void refusesToDecodeAsTheWrongJavaType() {
        Message m = codec.encode(new Notification("x", 1));
        assertThatThrownBy(() -> codec.decode(m, CriticalAlert.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("has type 'notification', not 'critical_alert'");
    }

    @Test
    void refusesTwoJavaTypesUnderOneName() {
        assertThatThrownBy(() -> MessageCodec.builder().register(Notification.class, "x").register(CriticalAlert.class, "x").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("message type 'x' is registered for both");
    }

    // ---------------------------------------------------------------- bodies that are not JSON

    private final MessageCodec plain = MessageCodec.builder()
            .register(String.class, "notification").register(String.class, "critical_alert")
            .register(byte[].class, "thumbnail").register(Notification.class, "notification.v2").build();

    @Test
    void decodesThePlainTextOfTheOldPublisherAsItIs() {
        Message old = Message.builder().type("notification").body("This is a general notification 1.").build();

        assertThat(plain.decode(old)).isEqualTo("This is a general notification 1.");
        assertThat(plain.decode(old, String.class)).isEqualTo("This is a general notification 1.");
        assertThat(plain.format("notification")).contains(PayloadFormat.TEXT);
        assertThat(plain.format("notification.v2")).contains(PayloadFormat.JSON);
        assertThat(plain.format("weather")).isEmpty();
    }

    @Test
    void encodesTextAsTheBodyUnderTheNamedType() {
        Message m = plain.encode("critical_alert", "Disk almost full: 98 % ✓ 😀");

        assertThat(m.type()).isEqualTo("critical_alert");
        assertThat(m.body()).isEqualTo("Disk almost full: 98 % ✓ 😀");
    }

    @Test
    void aJavaTypeOfSeveralMessageTypesNeedsTheTypeNamed() {
        assertThatThrownBy(() -> plain.encode("text"))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.String is registered for message types [notification, critical_alert]")
                .hasMessageContaining("encode(type, payload)");
        assertThatThrownBy(() -> plain.encode("thumbnail", "not bytes"))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("message type 'thumbnail' is registered for [B, but the payload is a java.lang.String");
        assertThatThrownBy(() -> plain.encode("weather", "sunny")).isInstanceOf(UnknownMessageTypeException.class);
    }

    @Test
    void refusesTextWithACharacterSqsRefuses() {
        for (String bad : new String[] {"nul \u0000 here", "bell \u0007", "noncharacter \uFFFE", "lone \uD800 surrogate"}) {
            assertThatThrownBy(() -> plain.encode("notification", bad))
                    .as(bad)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("which SQS refuses");
        }
        assertThatThrownBy(() -> plain.encode("notification", "nul \u0000"))
                .hasMessageContaining("text of type 'notification' holds the character U+0000 at index 4");
        assertThat(plain.encode("notification", "tab\tline\r\n").body()).isEqualTo("tab\tline\r\n");
    }

    @Test
    void carriesBytesAsBase64() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F};

        Message m = plain.encode(bytes);

        assertThat(m.type()).isEqualTo("thumbnail");
        assertThat(m.body()).isEqualTo("AAEC//5/");
        assertThat((byte[]) plain.decode(m)).containsExactly(bytes);
        assertThat(plain.decode(m, byte[].class)).containsExactly(bytes);
    }

    @Test
    void refusesABytesBodyThatIsNotBase64() {
        Message m = Message.builder().type("thumbnail").body("This is a general notification 1.").build();

        assertThatThrownBy(() -> plain.decode(m))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("message " + m.id())
                .hasMessageContaining("body of type 'thumbnail' is not base64");
    }

    @Test
    void encodesABodyInTheFormatOfItsType() {
        assertThat(plain.encodeBody("critical_alert", "as it is")).isEqualTo("as it is");
        assertThat(plain.encodeBody("thumbnail", new byte[] {1})).isEqualTo("AQ==");
        assertThat(plain.encodeBody("notification.v2", new Notification("x", 1))).isEqualTo("{\"text\":\"x\",\"priority\":1}");
        assertThat(plain.encodeBody("unknown", "text of an unknown type")).isEqualTo("\"text of an unknown type\"");
    }

    @Test
    void decodesOnlyAsAJavaTypeRegisteredForTheMessageType() {
        Message text = plain.encode("notification", "hello");
        assertThatThrownBy(() -> plain.decode(text, Notification.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("has type 'notification', not 'notification.v2'");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{\"text\":\"x\"} {\"text\":\"y\"}", "{\"text\":\"x\"} trailing",
        "{\"text\":\"x\"}]", "{\"text\":\"x\"} 42"})
    void trailingContentAfterTheJsonValueIsADecodingFailure(String body) {
        assertThatThrownBy(() -> codec.decode("critical_alert", body))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("body is not valid JSON for type 'critical_alert'");
        assertThat(codec.decode("critical_alert", "  {\"text\":\"x\"}\n ")).isEqualTo(new CriticalAlert("x"));
    }
}
