package io.msgflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "é", "€uro", "日本語", "emoji 😀 pair", "lone \uD800 high", "lone \uDC00 low", "end \uD83D"})
    void countsAsStringGetBytesDoes(String text) {
        assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
