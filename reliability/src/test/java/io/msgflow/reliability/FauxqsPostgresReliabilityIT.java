package io.msgflow.reliability;

import io.msgflow.aws.peers.FauxqsServer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The reliability scenarios on fauxqs (SNS + SQS over HTTP on loopback) with the JDBC sink on an
 * embedded PostgreSQL, in real time: 500 messages per scenario and 10 000 (not the in-memory
 * suite's 100 000) through concurrent consumers: enough for six pollers to interleave hundreds of
 * writes, while the whole class stays within about a minute on a shared 2-CPU machine (ten times
 * as many with {@code -Dmsgflow.soak=true}).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class FauxqsPostgresReliabilityIT extends ReliabilityScenarios {
    private static FauxqsServer fauxqs;
    private static ReliabilityDatabase database;

    @BeforeAll
    static void startPeers() {
        fauxqs = FauxqsServer.start();
        database = ReliabilityDatabase.start();
    }

    @AfterAll
    static void stopPeers() {
        if (database != null) {
            database.close();
        }
        if (fauxqs != null) {
            fauxqs.close();
        }
    }

    @Override
    protected Setup newSetup() {
        return new FauxqsPostgresSetup(fauxqs.endpoint(), database, "reliability_" + UUID.randomUUID().toString().substring(0, 8),
                Scale.current());
    }
}
