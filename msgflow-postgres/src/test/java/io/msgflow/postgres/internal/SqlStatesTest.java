package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"22P02", "22001", "22003", "22021", "22P05", "23502", "23503", "23505", "23514", "23P01",
        "54000", "54001", "44000", "P0001"})
    void dataExceptionsAndConstraintViolationsConcernOneRecord(String state) {
        assertThat(SqlStates.isRecordRefusal(new SQLException("x", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57014", "40001", "40P01", "42P01", "42P10", "53300", "53100", "53200",
        "58030", "XX000", "XX001", "25006", "28P01", "3D000", "55P03", "0A000", "99999"})
    void everythingElseFailsTheBatch(String state) {
        assertThat(SqlStates.isRecordRefusal(new SQLException("x", state))).isFalse();
    }

    @Test
    void noStateFailsTheBatch() {
        assertThat(SqlStates.isRecordRefusal(new SQLException("no state"))).isFalse();
    }

    @Test
    void describesOnOneLineWithinTheLimit() {
        SQLException e = new SQLException("ERROR: invalid input syntax for type json\n  Detail: Token \"x\" is invalid.", "22P02");

        assertThat(SqlStates.describe(e, 500))
                .isEqualTo("ERROR: invalid input syntax for type json Detail: Token \"x\" is invalid. (SQLState 22P02)");
        assertThat(SqlStates.describe(new SQLException("y".repeat(1000), "22P02"), 100)).hasSize(100 + " (SQLState 22P02)".length());
    }
}
