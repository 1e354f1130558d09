package io.msgflow.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One class with scripted sinks: which failures rebuild the pool, how often, and what a caller sees. */
class CredentialRefreshingSinkTest {
    private static final List<SinkRecord> BATCH = List.of(SinkRecord.of(Message.builder().id("m-1").type("t").body("{}").build()));

    private final List<Boolean> connects = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    /** Connects to the scripted sinks in order, recording whether credentials were to be read again. */
    private CredentialRefreshingSink sink(List<Sink> script) {
        return new CredentialRefreshingSink(reread -> {
            connects.add(reread);
            return script.get(connects.size() - 1);
        });
    }

    @Test
    void aRefusedPasswordRebuildsOnceWithCredentialsReadAgainAndTheWriteGoesThrough() {
        CredentialRefreshingSink sink = sink(List.of(failing("old", "28P01"), writing("new")));

        assertThat(sink.write(BATCH).written()).containsExactly("m-1");
        assertThat(connects).containsExactly(false, true);
        assertThat(closed).containsExactly("old");
    }

    @Test
    void aSecondRefusalIsThrownAfterOneRebuild() {
        CredentialRefreshingSink sink = sink(List.of(failing("old", "28000"), failing("new", "28P01")));

        assertThatThrownBy(() -> sink.write(BATCH)).isInstanceOf(SinkException.class).hasMessageContaining("new");
        assertThat(connects).containsExactly(false, true);
    }

    @Test
    void otherFailuresAreThrownAsTheyCameWithoutARebuild() {
        CredentialRefreshingSink sink = sink(List.of(failing("down", "08006")));

        assertThatThrownBy(() -> sink.write(BATCH)).isInstanceOf(SinkException.class).hasMessageContaining("down");
        assertThat(connects).containsExactly(false);
        assertThat(closed).isEmpty();
    }

    @Test
    void aRefusalWhileConnectingRereadsAndAFailedConnectFailsTheBatchAsAWhole() {
        RuntimeException refused = new IllegalStateException("cannot create tables", new SQLException("refused", "28P01"));
        List<Boolean> attempts = new ArrayList<>();
        CredentialRefreshingSink sink = new CredentialRefreshingSink(reread -> {
            attempts.add(reread);
            throw refused;
        });

        assertThatThrownBy(() -> sink.write(BATCH)).isInstanceOf(SinkException.class)
                .hasMessage("cannot connect to the database to write a batch of 1 records: cannot create tables").hasCause(refused);
        assertThat(attempts).containsExactly(false, true);
    }

    private Sink failing(String name, String sqlState) {
        return new Sink() {
            @Override
            public WriteResult write(List<SinkRecord> records) {
                throw new SinkException(name + " refused", List.of("m-1"), new SQLException(name, sqlState));
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    private Sink writing(String name) {
        return new Sink() {
            @Override
            public WriteResult write(List<SinkRecord> records) {
                return new WriteResult(Set.of("m-1"), Set.of(), Map.of());
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }
}
