package io.facteur.duplicates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.DuplicateCheck.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With 100,000 invoices indexed, both lookups are index scans (Derby's runtime statistics say which
 * plan ran) and stay fast; the timings are printed, never asserted.
 */
class IndexLookupTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private static final int ROWS = 100_000;
    private static final String DOSSIER = "big";

    @Test
    void lookupsAreIndexScansAt100000Invoices() throws Exception {
        IndexedDuplicateCheck check = new IndexedDuplicateCheck(derby.dataSource(), 3, 10);
        long fill = System.nanoTime();
        try (Connection c = derby.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                DuplicateIndex.record(c, DOSSIER, "doc-" + i, IndexKeys.of(generated(i).invoice()));
                if (i % 10_000 == 9_999) {
                    c.commit();
                }
            }
            c.commit();
        }
        fill = System.nanoTime() - fill;

        IndexKeys probe = IndexKeys.of(generated(4242).invoice());
        try (Connection c = derby.dataSource().getConnection()) {
            String byNumber =
                    plan(c, () -> DuplicateIndex.sameNumber(c, DOSSIER, probe, Long.MAX_VALUE, 10));
            String byAmount =
                    plan(
                            c,
                            () ->
                                    DuplicateIndex.sameAmount(
                                            c, DOSSIER, probe, 3, Long.MAX_VALUE, 10));

            assertThat(byNumber)
                    .contains("using index " + DuplicateIndex.BY_NUMBER.toUpperCase())
                    .doesNotContain("Table Scan");
            assertThat(byAmount)
                    .contains("using index " + DuplicateIndex.BY_AMOUNT.toUpperCase())
                    .doesNotContain("Table Scan");
        }

        // a twin of every 1000th invoice: found, and timed
        long[] nanos = new long[1_000];
        for (int k = 0; k < nanos.length; k++) {
            int i = k * (ROWS / nanos.length);
            long start = System.nanoTime();
            var verdict = check.check(DOSSIER, "twin-" + i, generated(i).invoice());
            nanos[k] = System.nanoTime() - start;
            assertThat(verdict.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(verdict.ofDocumentId()).isEqualTo("doc-" + i);
        }
        Arrays.sort(nanos);
        System.out.printf(
                "duplicate index, in-memory Derby: %,d rows filled in %d ms; check of a twin"
                        + " (record + 2 lookups) p50 %.3f ms, p99 %.3f ms%n",
                ROWS,
                fill / 1_000_000,
                nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6);
    }

    /** Invoice i of 100 sellers, 20 amounts and 400 days: many rows share a seller and amount. */
    static Invoices generated(int i) {
        return new Invoices(
                "F-" + i,
                LocalDate.of(2024, 1, 1).plusDays(i % 400),
                "380",
                "FR" + (10_000_000_000L + i % 100),
                "",
                "Seller " + (i % 100),
                (100 + i % 20) + ".50",
                "EUR");
    }

    private interface Lookup {
        List<DuplicateIndex.Row> run() throws Exception;
    }

    /** Derby's description of the plan the lookup ran with. */
    private static String plan(Connection c, Lookup lookup) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            lookup.run();
            try (ResultSet r = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                r.next();
                return r.getString(1);
            } finally {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
            }
        }
    }
}
