package io.facteur.duplicates.internal;

import io.facteur.api.DuplicateCheck.Outcome;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * The duplicate check on two on-disk Derby databases, one empty and one with {@code bench.rows}
 * generated invoices indexed: the latency of the two lookups (p50, p99) and the rate of whole
 * checks (record + two lookups, one connection each, as the component runs in Karaf), measured in
 * alternating rounds on both so that other load on the machine hits both alike.
 */
public final class DuplicatesBenchmark {
    private static final int WARMUP = 30_000;
    private static final int ROUNDS = 20;
    private static final int BATCH = 1_000;
    private static final int PROBES = 20_000;
    private static final String DOSSIER = "bench";

    private DuplicatesBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        Path folder = Path.of(System.getProperty("bench.folder", "target/bench-derby"));
        delete(folder);
        Files.createDirectories(folder);
        System.setProperty("derby.stream.error.file", folder.resolve("derby.log").toString());
        EmbeddedDataSource emptyDs = database(folder.resolve("empty"));
        EmbeddedDataSource fullDs = database(folder.resolve("full"));
        IndexedDuplicateCheck empty = new IndexedDuplicateCheck(emptyDs, 3, 10);
        IndexedDuplicateCheck full = new IndexedDuplicateCheck(fullDs, 3, 10);

        // the JIT warms up on a database of its own, so that "empty" is empty
        EmbeddedDataSource warm = database(folder.resolve("warmup"));
        IndexedDuplicateCheck warmCheck = new IndexedDuplicateCheck(warm, 3, 10);
        for (int k = 0; k < WARMUP; k++) {
            warmCheck.check("warmup", "w-" + k, invoice(k));
        }
        lookups(warm, "warmup", WARMUP, false);

        long start = System.nanoTime();
        try (Connection c = fullDs.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                DuplicateIndex.record(c, DOSSIER, "doc-" + i, IndexKeys.of(invoice(i)));
                if (i % 10_000 == 9_999) {
                    c.commit();
                }
                if (i % 100_000 == 99_999) {
                    System.out.printf(
                            "filled %,d rows in %.0f s%n",
                            i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            c.commit();
        }
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "fill: %,d rows in %.1f s (%,.0f rows/s, one transaction per 10,000)%n",
                rows, fillSeconds, rows / fillSeconds);

        // lookups alone: of fresh invoices in the empty index, of stored ones in the full one
        long[] emptyLookups = lookups(emptyDs, DOSSIER, PROBES, false);
        long[] fullLookups = lookups(fullDs, DOSSIER, rows, true);
        System.out.printf(
                "lookups (both) at empty: p50 %.3f ms p99 %.3f ms; at %,d stored: p50 %.3f ms"
                        + " p99 %.3f ms (target <= 1 ms)%n",
                pct(emptyLookups, 50),
                pct(emptyLookups, 99),
                rows,
                pct(fullLookups, 50),
                pct(fullLookups, 99));

        // whole checks, interleaved in rounds so that the load of the machine hits both alike
        long[] emptyChecks = new long[ROUNDS * BATCH];
        long[] fullChecks = new long[ROUNDS * BATCH];
        double[] ratios = new double[ROUNDS];
        long emptyTotal = 0;
        long fullTotal = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long e = batch(empty, r, emptyChecks);
            long f = batch(full, r, fullChecks);
            emptyTotal += e;
            fullTotal += f;
            ratios[r] = (double) e / f;
        }
        if (full.check(DOSSIER, "twin", invoice(rows / 2)).outcome() != Outcome.DUPLICATE) {
            throw new IllegalStateException("the twin of a stored invoice is not a duplicate");
        }
        Arrays.sort(ratios);
        double emptyRate = ROUNDS * BATCH / (emptyTotal / 1e9);
        double fullRate = ROUNDS * BATCH / (fullTotal / 1e9);
        System.out.printf(
                "checks (record + 2 lookups, a connection each) at empty: %,.0f/s, p50 %.3f ms"
                        + " p99 %.3f ms; at %,d stored: %,.0f/s, p50 %.3f ms p99 %.3f ms%n",
                emptyRate,
                pct(emptyChecks, 50),
                pct(emptyChecks, 99),
                rows,
                fullRate,
                pct(fullChecks, 50),
                pct(fullChecks, 99));
        System.out.printf(
                "check rate at %,d stored / at empty: %.2fx overall, median of %d rounds %.2fx"
                        + " (min %.2fx, max %.2fx; target >= 0.9x)%n",
                rows,
                fullRate / emptyRate,
                ROUNDS,
                ratios[ROUNDS / 2],
                ratios[0],
                ratios[ROUNDS - 1]);
    }

    private static EmbeddedDataSource database(Path path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path.toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    /** One round of checks of fresh invoices; their times into {@code nanos}; the total. */
    private static long batch(IndexedDuplicateCheck check, int round, long[] nanos) {
        long total = 0;
        for (int k = 0; k < BATCH; k++) {
            int n = round * BATCH + k;
            Invoice invoice = invoice(10_000_000 + n);
            long t = System.nanoTime();
            check.check(DOSSIER, "new-" + n, invoice);
            nanos[n] = System.nanoTime() - t;
            total += nanos[n];
        }
        return total;
    }

    /** Times of both lookups on one connection: of stored invoices (all found), or fresh ones. */
    private static long[] lookups(EmbeddedDataSource ds, String dossier, int stored, boolean found)
            throws Exception {
        long[] nanos = new long[PROBES];
        try (Connection c = ds.getConnection()) {
            for (int k = 0; k < PROBES; k++) {
                int i = found ? (int) ((k * 7_919L) % stored) : 20_000_000 + k;
                IndexKeys keys = IndexKeys.of(invoice(i));
                long t = System.nanoTime();
                List<DuplicateIndex.Row> byNumber =
                        DuplicateIndex.sameNumber(c, dossier, keys, Long.MAX_VALUE, 10);
                DuplicateIndex.sameAmount(c, dossier, keys, 3, Long.MAX_VALUE, 10);
                nanos[k] = System.nanoTime() - t;
                if (found && byNumber.isEmpty()) {
                    throw new IllegalStateException("stored invoice " + i + " not found");
                }
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double pct(long[] sorted, int percent) {
        long[] copy = sorted.clone();
        Arrays.sort(copy);
        return copy[Math.min(copy.length - 1, copy.length * percent / 100)] / 1e6;
    }

    /** Generated invoice i: 10,000 sellers, amounts spread over 100,000 cents, ten years. */
    static Invoice invoice(int i) {
        Party seller =
                new Party(
                        "Seller " + (i % 10_000),
                        "",
                        "",
                        "FR" + (100_000_000L + i % 10_000),
                        "",
                        null);
        BigDecimal payable = BigDecimal.valueOf((i * 7_919L) % 100_000, 2);
        return new Invoice(
                "F-" + i,
                LocalDate.of(2020, 1, 1).plusDays(i % 3_650),
                "380",
                "EUR",
                null,
                "",
                "",
                seller,
                new Party("Buyer", "", "", "", "", null),
                List.of(),
                List.of(),
                new DocumentTotals(
                        payable, null, null, payable, null, null, payable, null, null, payable));
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
