package liuyu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import liuyu.quality.Observation;
import liuyu.quality.Parameter;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intervention log and the observation chain on a fresh database each: intact after honest writes,
 * and a silent SQL edit, a deleted row or a re-hashed row found at its position.
 */
abstract class ChainsTest {
    /** SHA-256("abc"), the FIPS 180-2 test vector. */
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    TestDatabase db;
    InterventionLog interventions;
    ObservationChain chain;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        db = database();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        interventions = new InterventionLog(db.jdbc(), tx, Clock.systemUTC());
        chain = new ObservationChain(db.jdbc(), tx);
    }

    private InterventionLog.Entry record(String content, List<InterventionLog.NewAttachment> files) {
        return interventions.append(
                "auditor",
                new InterventionLog.Draft(
                        new InterventionLog.Official("王某", "副区长", "某区人民政府"),
                        "区监测站站长",
                        OffsetDateTime.parse("2025-06-12T09:00:00+08:00"),
                        "口头",
                        content,
                        new InterventionLog.Concerns(List.of("gubeikou"), List.of(), List.of("lab-1")),
                        files));
    }

    @Test
    void entriesChainFromTheFirstAndAttachmentsKeepTheirSha256() {
        InterventionLog.Entry first = record(
                "要求暂缓上报6月12日氨氮数据",
                List.of(new InterventionLog.NewAttachment(
                        "note.txt", "text/plain", "abc".getBytes(StandardCharsets.US_ASCII))));
        InterventionLog.Entry second = record("询问能否“调整”监测点位", List.of());
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(second.previousHash()).isEqualTo(first.entryHash());
        assertThat(first.attachments().get(0).sha256()).isEqualTo(SHA256_ABC);
        assertThat(interventions.file(1, 1).orElseThrow().content())
                .isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(interventions.get(2).orElseThrow().content()).isEqualTo("询问能否“调整”监测点位");
        assertThat(interventions.get(1).orElseThrow().concerns().sites()).containsExactly("gubeikou");
        HashChain.Verification v = interventions.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(2);
        assertThat(v.head()).isEqualTo(second.entryHash());
    }

    @Test
    void anEditedInterventionIsFoundAtItsPosition() {
        for (int i = 1; i <= 4; i++) {
            record("entry " + i, List.of());
        }
        db.jdbc().update("UPDATE intervention SET content = 'nothing happened' WHERE position = 3");
        HashChain.Verification v = interventions.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(3);
        assertThat(v.reason()).contains("no longer give its recorded hash");
    }

    @Test
    void aRowGivenANewHashOrANewLinkIsFoundAtItsPosition() {
        for (int i = 1; i <= 3; i++) {
            record("entry " + i, List.of());
        }
        db.jdbc().update("UPDATE intervention SET channel = '其他', entry_hash = ? WHERE position = 2", "f".repeat(64));
        assertThat(interventions.verify().firstBroken()).isEqualTo(2);
        db.jdbc().update("UPDATE intervention SET channel = '口头', entry_hash = previous_hash WHERE position = 2");
        assertThat(interventions.verify().firstBroken()).isEqualTo(2);
    }

    @Test
    void aRelinkedEntryIsFound() {
        for (int i = 1; i <= 3; i++) {
            record("entry " + i, List.of());
        }
        db.jdbc().update("UPDATE intervention SET previous_hash = ? WHERE position = 3", "0".repeat(64));
        HashChain.Verification v = interventions.verify();
        assertThat(v.firstBroken()).isEqualTo(3);
        assertThat(v.reason()).isEqualTo("its previous hash is not the hash of entry 2");
    }

    @Test
    void aChangedAttachmentOrADeletedEntryIsFound() {
        record(
                "one",
                List.of(new InterventionLog.NewAttachment(
                        "a.txt", "text/plain", "abc".getBytes(StandardCharsets.US_ASCII))));
        record("two", List.of());
        record("three", List.of());
        db.jdbc().update("UPDATE intervention_attachment SET content = ? WHERE position = 1", (Object)
                "abd".getBytes(StandardCharsets.US_ASCII));
        assertThat(interventions.verify().firstBroken()).isEqualTo(1);
        assertThat(interventions.verify().reason()).contains("attachment 1");
        db.jdbc().update("UPDATE intervention_attachment SET content = ? WHERE position = 1", (Object)
                "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(interventions.verify().intact()).isTrue();
        db.jdbc().update("DELETE FROM intervention WHERE position = 2");
        HashChain.Verification v = interventions.verify();
        assertThat(v.firstBroken()).isEqualTo(2);
        assertThat(v.reason()).isEqualTo("entry 2 is missing (next is 3)");
    }

    private static List<Observation> observations(String prefix, int n) {
        List<Observation> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            BigDecimal v = new BigDecimal("0.4" + i);
            out.add(new Observation(
                    prefix + i,
                    0,
                    "gubeikou",
                    OffsetDateTime.parse("2025-06-12T10:00:00+08:00").plusHours(i),
                    Parameter.NH3N,
                    v,
                    "mg/L",
                    v.toPlainString(),
                    "mg/L",
                    false,
                    null,
                    new Observation.Source("hj212", "MN1", null),
                    null,
                    new Observation.People(null, null, null, null),
                    null,
                    null,
                    null));
        }
        return out;
    }

    @Test
    void observationsChainAndASilentSqlEditIsFoundAtItsPosition() {
        db.store().append("monitor", observations("o-", 5));
        assertThat(chain.extend()).isEqualTo(5);
        assertThat(chain.extend()).isZero();
        assertThat(chain.verify().intact()).isTrue();
        assertThat(chain.verify().entries()).isEqualTo(5);
        db.store().append("monitor", observations("p-", 2));
        assertThat(chain.extend()).isEqualTo(2);
        assertThat(chain.verify().intact()).isTrue();
        db.jdbc()
                .update(
                        "UPDATE observation SET measured_value = '0.04', reported_value = '0.04' WHERE observation_id = 'o-3'");
        HashChain.Verification v = chain.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(3);
        assertThat(v.entries()).isEqualTo(7);
        assertThat(v.reason()).contains("'o-3' version 1");
    }

    @Test
    void syntheticDemoRowsStayOutOfTheChainSoPurgingThemBreaksNothing() {
        db.store().append("monitor", observations("o-", 2));
        db.jdbc()
                .update(
                        "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value, unit,"
                                + " reported_value, reported_unit, below_detection_limit, source_kind, recorded_by, recorded_at) VALUES"
                                + " ('syn-1', 1, 'gubeikou', TIMESTAMP WITH TIME ZONE '2025-06-01 00:00:00+00', 'TP', '0.1', 'mg/L', '0.1', 'mg/L', FALSE,"
                                + " 'synthetic', 'demo-generator', TIMESTAMP WITH TIME ZONE '2025-06-01 00:00:00+00')");
        assertThat(chain.extend()).isEqualTo(2);
        db.jdbc().update("DELETE FROM observation WHERE source_kind = 'synthetic'");
        assertThat(chain.verify().intact()).isTrue();
        db.jdbc().update("UPDATE observation SET source_kind = 'synthetic' WHERE observation_id = 'o-1'");
        assertThat(chain.verify().firstBroken()).isEqualTo(1);
    }

    /**
     * A batch whose transaction began first and commits last (its record ids lower than those chained meanwhile) is
     * chained when it commits, after them: the store lists a row's key in the transaction that writes the row, so
     * the chainer sees both at the commit, never one without the other.
     */
    @Test
    void aBatchCommittedLateIsChainedAfterTheRowsChainedMeanwhile() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            db.store().append("monitor", observations("late-", 2));
            stored.countDown();
            try {
                assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
        db.store().append("monitor", observations("early-", 3));
        assertThat(chain.extend()).as("the uncommitted batch is not seen").isEqualTo(3);
        commit.countDown();
        late.get(30, TimeUnit.SECONDS);
        assertThat(chain.extend()).isEqualTo(2);
        assertThat(chain.extend()).isZero();
        assertThat(db.jdbc()
                        .queryForList(
                                "SELECT o.observation_id FROM observation_chain c JOIN observation o ON o.record_id = c.record_id"
                                        + " ORDER BY c.position",
                                String.class))
                .containsExactly("early-1", "early-2", "early-3", "late-1", "late-2");
        assertThat(db.jdbc()
                        .queryForList("SELECT c.record_id FROM observation_chain c ORDER BY c.position", Long.class))
                .as("the late rows' record ids are the lower ones")
                .satisfies(ids -> assertThat(ids.get(3)).isLessThan(ids.get(0)));
        assertThat(chain.verify().intact()).isTrue();
    }

    /**
     * A round reads the store's list of rows to chain, not every observation: a row put into the table by SQL, past
     * the store, is not chained (the store is the one way rows are written), and a listed row deleted before it was
     * chained leaves nothing behind.
     */
    @Test
    void aRoundChainsTheRowsTheStoreListedAndNothingElse() {
        db.store().append("monitor", observations("o-", 2));
        db.jdbc()
                .update(
                        "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value, unit,"
                                + " reported_value, reported_unit, below_detection_limit, source_kind, device_id, recorded_by, recorded_at) VALUES"
                                + " ('by-sql', 1, 'gubeikou', TIMESTAMP WITH TIME ZONE '2025-06-01 00:00:00+00', 'TP', '0.1', 'mg/L', '0.1', 'mg/L', FALSE,"
                                + " 'hj212', 'MN1', 'someone', TIMESTAMP WITH TIME ZONE '2025-06-01 00:00:00+00')");
        db.jdbc().update("DELETE FROM observation WHERE observation_id = 'o-2'");
        assertThat(chain.extend()).isEqualTo(1);
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM observation_unchained", Integer.class))
                .isZero();
        assertThat(chain.verify().entries()).isEqualTo(1);
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aDeletedObservationIsFound() {
        db.store().append("monitor", observations("o-", 4));
        chain.extend();
        db.jdbc().update("DELETE FROM observation WHERE observation_id = 'o-2'");
        HashChain.Verification v = chain.verify();
        assertThat(v.firstBroken()).isEqualTo(2);
        assertThat(v.reason()).contains("was deleted");
    }
}
