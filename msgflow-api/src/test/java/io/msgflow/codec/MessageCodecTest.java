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
}
