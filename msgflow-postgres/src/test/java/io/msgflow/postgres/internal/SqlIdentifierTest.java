package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"notification_messages", "critical_alerts", "_t", "t1", "ops.alerts", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsPlainLowerCaseIdentifiers(String name) {
        assertThat(SqlIdentifier.table("table", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1table", "Alerts", "alerts; DROP TABLE critical_alerts", "alerts\"", "x\" OR 1=1 --", "a b",
        "alerts--", "a.b.c", ".alerts", "alerts.", "ünicode", "a234567890123456789012345678901234567890123456789012345678901234",
        "tab\tle", "new\nline", "semi;colon"})
    void rejectsAnythingElseNamingTheSettingRuleAndValue(String name) {
        assertThatThrownBy(() -> SqlIdentifier.table("table", name))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("`table` must be a lower-case SQL identifier")
                .hasMessageEndingWith("but was '" + name + "'")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).setting()).isEqualTo("table"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_catalog.pg_class", "pg_toast.x", "information_schema.tables"})
    void rejectsSystemSchemas(String name) {
        assertThatThrownBy(() -> SqlIdentifier.table("table", name))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`table` must not be in a system schema (pg_*, information_schema), but was '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops.alerts", "a.b"})
    void columnNamesCannotBeQualified(String name) {
        assertThatThrownBy(() -> SqlIdentifier.column("column", name)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("but was '" + name + "'");
    }

    @org.junit.jupiter.api.Test
    void quotesEachPart() {
        assertThat(SqlIdentifier.quote("critical_alerts")).isEqualTo("\"critical_alerts\"");
        assertThat(SqlIdentifier.quote("ops.user")).isEqualTo("\"ops\".\"user\"");
        assertThat(SqlIdentifier.schemaOf("ops.user")).isEqualTo("ops");
        assertThat(SqlIdentifier.schemaOf("user")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad.Idx", "x\"; DROP TABLE victim; --", "a\"\"b", "ünicode"})
    void quotesACatalogNameWholeDoublingItsQuotes(String name) {
        assertThat(SqlIdentifier.quoteName(name)).isEqualTo('"' + name.replace("\"", "\"\"") + '"');
        assertThat(SqlIdentifier.qualified("s.x", name)).isEqualTo("\"s.x\"." + SqlIdentifier.quoteName(name));
    }

    @Test
    void aDerivedNameThatFitsIsKeptAsIs() {
        assertThat(SqlIdentifier.derivedName("alerts_message_id", "_key")).isEqualTo("alerts_message_id_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "é", "表", "😀"})
    void aDerivedNameIsAtMost63BytesDistinctFromItsBaseAndFromOtherBases(String unit) {
        for (int length = 55; length <= 70; length++) {
            String base = unit.repeat(length);
            String other = base.substring(0, base.length() - unit.length()) + "x";
            String name = SqlIdentifier.derivedName(base, "_key");

            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(name).endsWith("_key").isNotEqualTo(base).isNotEqualTo(SqlIdentifier.derivedName(other, "_key"));
            assertThat(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(name);
        }
    }
}
