package io.msgflow.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number such as {@code 1e-100000000} (12 characters) once kept a thread busy for more than 30 s
 * (BigDecimal arithmetic on a scale of 10^8). Bounded work: each case below must end within
 * seconds; on the unbounded code it does not end within the timeout.
 */
class PolicyNumbersBoundTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"1e-100000000", "-1e-100000000", "0.1e-999999999"})
    void aTinyNumberInAPolicyIsZeroAtOnce(String number) {
        FilterPolicy policy = assertTimeoutPreemptively(BOUND,
                () -> FilterPolicy.parse("{\"n\":[" + number + "]}", FilterScope.MESSAGE_BODY));
        assertThat(policy.normalizedJson()).isEqualTo("{\"n\":[0]}");
        assertThat(assertTimeoutPreemptively(BOUND, () -> policy.matches(Map.of(), "{\"n\":0}"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-100000000", "1e100000000", "-1e-100000000"})
    void aHugeExponentInABodyIsComparedAtOnce(String number) {
        FilterPolicy positive = FilterPolicy.parse("{\"n\":[{\"numeric\":[\">\",0]}]}", FilterScope.MESSAGE_BODY);
        boolean matches = assertTimeoutPreemptively(BOUND, () -> positive.matches(Map.of(), "{\"n\":" + number + "}"));
        assertThat(matches).as("1e100000000 is beyond SNS's range, 1e-100000000 rounds to 0").isFalse();
    }
}
