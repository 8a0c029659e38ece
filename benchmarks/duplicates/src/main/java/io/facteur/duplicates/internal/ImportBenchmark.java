package io.facteur.duplicates.internal;

import io.facteur.api.Document;
import io.facteur.api.Dossiers.Dossier;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.Inbox.Source;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Validator;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.dossier.DossierStore;
import io.facteur.core.internal.inbox.InboxConfig;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.pipeline.JobQueue.State;
import io.facteur.core.internal.pipeline.Pipeline;
import io.facteur.core.internal.pipeline.PipelineAccess;
import io.facteur.format.mustang.internal.CiiReader;
import io.facteur.format.mustang.internal.FacturXReader;
import io.facteur.format.ubl.internal.UblReader;
import io.facteur.validation.internal.En16931Validator;
import io.facteur.validation.internal.RuleLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * The import rate through Facteur's real intake with an empty store and with a store already
 * holding {@code bench.rows} invoices (rows in the core's {@code invoice}, {@code invoice_event}
 * and {@code job} tables and in the duplicate index, same dossier and sellers as the imported
 * invoices): {@code InboxService.receive} (fsync'd document store, embedded Derby on disk), the
 * real {@code Pipeline} with the real readers, the EN 16931 validator and the {@code
 * IndexedDuplicateCheck} on the same database, timed until no job is pending or running. Rounds
 * alternate between the two stores so that other load on the machine falls on both alike. See
 * benchmarks/README.md, "Duplicate check at scale".
 */
public final class ImportBenchmark {
    private static final double TARGET = 0.9;
    private static final String DOSSIER = "bench";
    private static final String TEMPLATE = "cii/Factur-X_basic.xml";
    private static final BigDecimal UNIT_PRICE = new BigDecimal("9.90");
    private static final BigDecimal VAT_RATE = new BigDecimal("0.19");
    private static final int AMOUNTS = 99_999;
    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

    private final int rows = Integer.getInteger("bench.rows", 1_000_000);
    private final int rounds = Integer.getInteger("bench.rounds", 20);
    private final int perRound = Integer.getInteger("bench.perRound", 100);
    private final int twinsPerRound = Integer.getInteger("bench.twins", 2);
    private final int sellers = Integer.getInteger("bench.sellers", 10);
    private final int workers = Integer.getInteger("bench.workers", 2);
    private final int eventsPerInvoice = Integer.getInteger("bench.events", 6);
    private final int jobsPerInvoice = Integer.getInteger("bench.jobs", 2);
    private final Generator generator;
    private final Map<String, InvoiceReader> readers = new TreeMap<>();
    private final Validator validator = new En16931Validator(new RuleLibrary());
    private final List<Party> sellerParties = new ArrayList<>();

    private ImportBenchmark(String template) {
        if (rows < 1
                || rounds < 1
                || perRound < 1
                || twinsPerRound < 0
                || twinsPerRound > perRound
                || sellers < 1
                || sellers > 10_000
                || workers < 1
                || eventsPerInvoice < 0
                || jobsPerInvoice < 0) {
            throw new IllegalArgumentException(
                    "bench.rows, bench.rounds, bench.perRound, bench.sellers (up to 10,000) and"
                            + " bench.workers must be at least 1; bench.twins from 0 to"
                            + " bench.perRound; bench.events and bench.jobs at least 0");
        }
        this.generator = new Generator(template);
        readers.put("format.cii", new CiiReader());
        readers.put("format.facturx", new FacturXReader());
        readers.put("format.ubl", new UblReader());
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path folder = Path.of(System.getProperty("bench.folder", "target/bench-derby"));
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        delete(folder);
        Files.createDirectories(folder);
        System.setProperty("derby.stream.error.file", folder.resolve("derby.log").toString());
        // as the distribution runs Derby (karaf-distribution/.../bin/setenv), unless told otherwise
        if (System.getProperty("derby.storage.pageCacheSize") == null) {
            System.setProperty("derby.storage.pageCacheSize", "10000");
        }
        String template = Files.readString(corpus.resolve(TEMPLATE), StandardCharsets.UTF_8);
        try {
            new ImportBenchmark(template).run(folder);
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
            } catch (SQLException expected) {
                // XJ015: Derby's way to report a shutdown
            }
        }
    }

    private void run(Path folder) throws Exception {
        long started = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "Import benchmark: %,d stored invoices (%d events and %d DONE jobs each), %d"
                        + " rounds of %d invoices + %d twins, %d sellers, %d workers; JDK %s, %d"
                        + " processors%n",
                rows,
                eventsPerInvoice,
                jobsPerInvoice,
                rounds,
                perRound,
                twinsPerRound,
                sellers,
                workers,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        // the sellers as the reader sees them: the filled rows carry the same keys
        for (int s = 0; s < sellers; s++) {
            byte[] xml = generator.xml(s, "PROBE-" + s, LocalDate.of(2024, 1, 1), 1, false);
            Invoice read =
                    readers.get("format.cii")
                            .read(new Document("probe.xml", "application/xml", xml));
            sellerParties.add(read.seller());
        }

        // the JIT, the rule sets and the readers warm up on a store of their own
        Side warm = new Side(folder, "warmup");
        // about 800 invoices, whatever the size of a round
        int warmRounds = Math.max(2, 800 / perRound);
        for (int r = 0; r < warmRounds; r++) {
            warm.importAll(docs(1_000 + r));
        }
        warm.verify(warmRounds, 0);
        System.out.println("warm-up done");

        Side empty = new Side(folder, "empty");
        Side full = new Side(folder, "full");
        fill(full, folder);
        analyze(empty);
        analyze(full);
        // one round on each store before the measured ones: Derby compiles each database's
        // statements on first use, and the first checkpoint after the fill falls here
        empty.importAll(docs(900));
        full.importAll(docs(900));
        System.out.println("first round (not measured) done on both stores");

        double[] emptyRates = new double[rounds];
        double[] fullRates = new double[rounds];
        double[] ratios = new double[rounds];
        double emptySeconds = 0;
        double fullSeconds = 0;
        long emptyCheckNanos = 0;
        long fullCheckNanos = 0;
        long emptyReceiveNanos = 0;
        long fullReceiveNanos = 0;
        for (int r = 0; r < rounds; r++) {
            List<Doc> docs = docs(r);
            // alternate which store goes first, so that neither always follows the other
            double e;
            double f;
            if (r % 2 == 0) {
                e = empty.importAll(docs);
                f = full.importAll(docs);
            } else {
                f = full.importAll(docs);
                e = empty.importAll(docs);
            }
            emptySeconds += e;
            fullSeconds += f;
            emptyRates[r] = docs.size() / e;
            fullRates[r] = docs.size() / f;
            ratios[r] = fullRates[r] / emptyRates[r];
            emptyCheckNanos += empty.check.nanos.get();
            fullCheckNanos += full.check.nanos.get();
            emptyReceiveNanos += empty.receiveNanos;
            fullReceiveNanos += full.receiveNanos;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: empty %.1f invoices/s (receive %.2f ms, duplicate check %.2f ms"
                            + " avg), %,d stored %.1f invoices/s (receive %.2f ms, duplicate check"
                            + " %.2f ms avg): ratio %.3f%n",
                    r + 1,
                    emptyRates[r],
                    empty.receiveNanos / 1e6 / docs.size(),
                    empty.check.averageMillis(),
                    rows,
                    fullRates[r],
                    full.receiveNanos / 1e6 / docs.size(),
                    full.check.averageMillis(),
                    ratios[r]);
        }
        // verdicts happen: the twins sent in every round, and twins of stored invoices
        empty.verify(rounds + 1, 0);
        full.verify(rounds + 1, 0);
        int storedTwins = 5;
        List<Doc> twinsOfStored = new ArrayList<>();
        for (int t = 0; t < storedTwins; t++) {
            int i = (int) ((t * 7_919L + rows / 2) % rows);
            twinsOfStored.add(
                    new Doc(
                            "stored-twin-" + t + ".xml",
                            generator.xml(
                                    seller(i), filledNumber(i), filledDate(i), qty(i), true)));
        }
        full.importAll(twinsOfStored);
        full.verify(rounds + 1, storedTwins);

        int perRoundDocs = perRound + twinsPerRound;
        int total = rounds * perRoundDocs;
        double emptyRate = total / emptySeconds;
        double fullRate = total / fullSeconds;
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median =
                sorted.length % 2 == 1
                        ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.println();
        System.out.println(
                "RESULTS (receive + detect + read + EN 16931 validation + duplicate check, until"
                        + " every job is done)");
        System.out.printf(
                Locale.ROOT,
                "  empty store:            %7.1f invoices/s (%d x %d invoices, %.1f s); receive"
                        + " %.2f ms, duplicate check %.2f ms per invoice%n",
                emptyRate,
                rounds,
                perRoundDocs,
                emptySeconds,
                emptyReceiveNanos / 1e6 / total,
                emptyCheckNanos / 1e6 / total);
        System.out.printf(
                Locale.ROOT,
                "  %,9d stored:        %7.1f invoices/s (%d x %d invoices, %.1f s); receive"
                        + " %.2f ms, duplicate check %.2f ms per invoice%n",
                rows,
                fullRate,
                rounds,
                perRoundDocs,
                fullSeconds,
                fullReceiveNanos / 1e6 / total,
                fullCheckNanos / 1e6 / total);
        System.out.printf(
                Locale.ROOT,
                "  import rate at %,d stored / at empty: median of %d rounds %.3fx (min %.3fx,"
                        + " max %.3fx), overall %.3fx   target >= %.1fx: %s%n",
                rows,
                rounds,
                median,
                sorted[0],
                sorted[sorted.length - 1],
                fullRate / emptyRate,
                TARGET,
                median >= TARGET ? "MET" : "NOT MET");
        System.out.printf(
                Locale.ROOT,
                "  duplicate check share of the import time: %.1f%% empty, %.1f%% at %,d stored%n",
                100 * emptyCheckNanos / 1e9 / emptySeconds * 1.0 / workers,
                100 * fullCheckNanos / 1e9 / fullSeconds * 1.0 / workers,
                rows);
        System.out.printf(
                Locale.ROOT, "Total run time: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * The invoices of one round: {@code perRound} distinct invoices (number, date, amount and
     * seller vary), then {@code twinsPerRound} re-sent copies of some of them with other bytes
     * (another note): the same invoice, which the duplicate check must call a duplicate.
     */
    private List<Doc> docs(int round) {
        List<Doc> docs = new ArrayList<>();
        for (int k = 0; k < perRound + twinsPerRound; k++) {
            boolean twin = k >= perRound;
            int n = twin ? (k - perRound) * Math.max(1, perRound / Math.max(1, twinsPerRound)) : k;
            int serial = round * 100_000 + n;
            LocalDate date = LocalDate.of(2024, 1, 1).plusDays((n * 37L + round) % 365);
            int qty = 1 + (int) ((serial * 7_919L) % AMOUNTS);
            String number = String.format(Locale.ROOT, "IMP-%d-%05d", round, n);
            docs.add(
                    new Doc(
                            number + (twin ? "-copy" : "") + ".xml",
                            generator.xml(n % sellers, number, date, qty, twin)));
        }
        return docs;
    }

    private int seller(int i) {
        return i % sellers;
    }

    private static String filledNumber(int i) {
        String n = Integer.toString(i);
        return "FIL-" + "0".repeat(Math.max(0, 7 - n.length())) + n;
    }

    private static LocalDate filledDate(int i) {
        return LocalDate.of(2015, 1, 1).plusDays(i % 3_650);
    }

    private static int qty(int i) {
        return 1 + (int) ((i * 7_919L) % AMOUNTS);
    }

    /**
     * Fills the store with {@code rows} processed invoices, as Facteur leaves them: the invoice row
     * (READY, read, its customer), its timeline, its jobs DONE, its row in the duplicate index.
     * Each table is empty before, so Derby's import procedure loads it in bulk (rows appended,
     * indexes built by sorting, foreign keys checked) from a CSV file written here: row by row
     * through JDBC (batches or not) Derby needs minutes for the 10 million rows of a million
     * invoices. Invoice ids are time-ordered as Facteur makes them (older rows, smaller ids); the
     * SHA-256 keys are spread over the whole range, so that the imported documents' hashes land all
     * over that B-tree. Two threads: invoices then their timelines; customers and the duplicate
     * index, then the jobs (which need the invoices).
     */
    private void fill(Side side, Path folder) throws Exception {
        long start = System.nanoTime();
        Map<String, long[]> nanos = new java.util.concurrent.ConcurrentSkipListMap<>();
        CountDownLatch invoicesDone = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean customers = hasColumn(side, "INVOICE", "CUSTOMER_ID");
        Thread second =
                new Thread(
                        () -> {
                            try {
                                if (customers) {
                                    fillCustomers(side);
                                }
                                nanos.put("4 duplicate index", fillIndex(side, folder));
                                invoicesDone.await();
                                nanos.put("3 job", fillJobs(side, folder));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "fill-index-and-jobs");
        second.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        second.start();
        try {
            nanos.put("1 invoice", fillInvoices(side, folder, customers));
        } finally {
            invoicesDone.countDown();
        }
        nanos.put("2 invoice_event", fillEvents(side, folder));
        second.join();
        if (failure.get() != null) {
            throw new IllegalStateException("Filling the store failed", failure.get());
        }
        StringBuilder detail = new StringBuilder();
        nanos.forEach(
                (table, t) ->
                        detail.append(
                                String.format(
                                        Locale.ROOT,
                                        "; %s: %,d rows, CSV %.1f s + import %.1f s",
                                        table.substring(2),
                                        t[2],
                                        t[0] / 1e9,
                                        t[1] / 1e9)));
        System.out.printf(
                Locale.ROOT,
                "fill: %,d invoices in %.1f s on two threads%s%n",
                rows,
                (System.nanoTime() - start) / 1e9,
                detail);
    }

    private static boolean hasColumn(Side side, String table, String column) throws SQLException {
        try (Connection c = side.ds.getConnection();
                ResultSet r = c.getMetaData().getColumns(null, "APP", table, column)) {
            return r.next();
        }
    }

    /**
     * The id Facteur would have given the i-th stored invoice: a time-ordered UUID (version 7, as
     * the core's {@code Ids}) of a moment in the ten years before now, older for smaller i.
     */
    private static String filledId(int i, int rows) {
        long millis = FILLED_FROM + i * 300_000L; // when it was received (received_at)
        String ts = hex(millis, 12);
        return ts.substring(0, 8)
                + "-"
                + ts.substring(8, 12)
                + "-7"
                + hex(i & 0xfff, 3)
                + "-8"
                + hex((i >>> 12) & 0xfff, 3)
                + "-"
                + hex(i, 12);
    }

    private static String filledSha(int i, int rows) {
        long spread = (long) ((i + 0.5) * (4_294_967_296.0 / rows));
        return hex(spread, 8) + hex(i, 56);
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    private static Timestamp filledReceived(int i) {
        return new Timestamp(FILLED_FROM + i * 300_000L);
    }

    private static final long FILLED_FROM = Instant.parse("2015-01-01T08:00:00Z").toEpochMilli();

    /** The customers of the filled invoices (the imported ones' buyer is found by the reader). */
    private static final int CUSTOMERS = 1_000;

    private static String customerId(int i) {
        return "filled-customer-" + (i % CUSTOMERS);
    }

    /** Writes the CSV line(s) of invoice i. */
    private interface Lines {
        void write(java.io.Writer w, int i) throws IOException;
    }

    /**
     * Fills an empty table from a CSV file of every invoice's lines, with Derby's bulk import;
     * returns {CSV nanos, import nanos, rows}.
     */
    private long[] fillTable(Side side, Path folder, String table, String columns, Lines lines)
            throws IOException, SQLException {
        Path csv = folder.resolve(side.name + "-" + table + ".csv");
        long start = System.nanoTime();
        long count = 0;
        try (java.io.Writer w =
                new java.io.BufferedWriter(
                        new java.io.OutputStreamWriter(
                                Files.newOutputStream(csv), StandardCharsets.UTF_8),
                        1 << 20)) {
            for (int i = 0; i < rows; i++) {
                lines.write(w, i);
            }
        }
        long written = System.nanoTime();
        try (Connection c = side.ds.getConnection();
                PreparedStatement p =
                        c.prepareStatement(
                                "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, NULL,"
                                        + " NULL, 'UTF-8', 0)")) {
            p.setString(1, table.toUpperCase(Locale.ROOT));
            p.setString(2, columns.toUpperCase(Locale.ROOT).replace(" ", ""));
            p.setString(3, csv.toAbsolutePath().toString());
            p.execute();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                count = r.getLong(1);
            }
        } finally {
            Files.deleteIfExists(csv);
        }
        return new long[] {written - start, System.nanoTime() - written, count};
    }

    /** A CSV field between quotes (Derby reads an unquoted empty field as NULL). */
    private static String q(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private long[] fillIndex(Side side, Path folder) throws IOException, SQLException {
        return fillTable(
                side,
                folder,
                DuplicateIndex.TABLE,
                "dossier, document_id, seller_key, number_key, credit_note, issue_date, payable,"
                        + " currency",
                (w, i) -> {
                    IndexKeys keys = IndexKeys.of(filledInvoice(i));
                    w.write(
                            String.join(
                                    ",",
                                    q(DOSSIER),
                                    q(filledId(i, rows)),
                                    q(keys.seller()),
                                    q(keys.number()),
                                    keys.creditNote() ? "1" : "0",
                                    keys.issueDate().toString(),
                                    keys.payable().toPlainString(),
                                    q(keys.currency())));
                    w.write('\n');
                });
    }

    private void fillCustomers(Side side) throws SQLException {
        try (Connection c = side.ds.getConnection();
                PreparedStatement p =
                        c.prepareStatement(
                                "INSERT INTO customer (id, dossier_id, match_key, name, emails,"
                                        + " country, updated_at) VALUES (?,?,?,?,?,?,?)")) {
            c.setAutoCommit(false);
            for (int k = 0; k < CUSTOMERS; k++) {
                p.setString(1, customerId(k));
                p.setString(2, DOSSIER);
                p.setString(3, "filled customer " + k);
                p.setString(4, "Filled Customer " + k);
                p.setString(5, "");
                p.setString(6, "DE");
                p.setTimestamp(7, new Timestamp(FILLED_FROM));
                p.addBatch();
            }
            p.executeBatch();
            c.commit();
        }
    }

    private Invoice filledInvoice(int i) {
        BigDecimal payable = payable(qty(i));
        return new Invoice(
                filledNumber(i),
                filledDate(i),
                "380",
                "EUR",
                null,
                "",
                "",
                sellerParties.get(seller(i)),
                new Party("Kunden AG Mitte", "", "", "", "", null),
                List.of(),
                List.of(),
                new DocumentTotals(
                        payable, null, null, payable, null, null, payable, null, null, payable));
    }

    private long[] fillInvoices(Side side, Path folder, boolean customers)
            throws IOException, SQLException {
        String profile = q("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic");
        List<String> names = sellerParties.stream().map(p -> q(p.name())).toList();
        return fillTable(
                side,
                folder,
                "invoice",
                "id, dossier_id, sha256, file_name, media_type, size_bytes, source_channel,"
                        + " source_detail, received_at, status, format, profile, reader, number,"
                        + " type_code, issue_date, due_date, currency, seller_name, buyer_name,"
                        + " payable"
                        + (customers ? ", customer_id" : ""),
                (w, i) -> {
                    String number = filledNumber(i);
                    LocalDate issued = filledDate(i);
                    w.write(
                            String.join(
                                    ",",
                                    q(filledId(i, rows)),
                                    q(DOSSIER),
                                    q(filledSha(i, rows)),
                                    q(number + ".xml"),
                                    q("application/xml"),
                                    "6869",
                                    q("api"),
                                    q(""),
                                    filledReceived(i).toString(),
                                    q("READY"),
                                    q("CII"),
                                    profile,
                                    q("format.cii"),
                                    q(number),
                                    q("380"),
                                    issued.toString(),
                                    issued.plusDays(30).toString(),
                                    q("EUR"),
                                    names.get(seller(i)),
                                    q("Filled Customer " + (i % CUSTOMERS)),
                                    payable(qty(i)).toPlainString()));
                    if (customers) {
                        w.write(',');
                        w.write(q(customerId(i)));
                    }
                    w.write('\n');
                });
    }

    /** The timeline of a processed invoice, as the pipeline writes it (English detail, key). */
    private static final String[][] EVENTS = {
        {"received", "ok", "Received %s.xml (6869 bytes) by api", "received"},
        {"detect", "ok", "Detected CII (%s)", "detected.profile"},
        {"read", "ok", "Read invoice %s of %s from Lieferant GmbH", "read.from"},
        {"validate", "ok", "Validated against EN16931-CII: 0 error(s), 0 warning(s)", "validated"},
        {"duplicates", "ok", "No duplicate found", "duplicates.none"},
        {"archive", "ok", "Archived %s, kept until %s", "archived"}
    };

    private long[] fillEvents(Side side, Path folder) throws IOException, SQLException {
        return fillTable(
                side,
                folder,
                "invoice_event",
                "invoice_id, happened_at, step, outcome, detail, message_key, message_args",
                (w, i) -> {
                    String id = q(filledId(i, rows));
                    String number = filledNumber(i);
                    String date = filledDate(i).toString();
                    String args = q("[\"" + number + "\",\"" + date + "\"]");
                    long received = filledReceived(i).getTime();
                    for (int e = 0; e < eventsPerInvoice; e++) {
                        String[] event = EVENTS[e % EVENTS.length];
                        w.write(
                                String.join(
                                        ",",
                                        id,
                                        new Timestamp(received + e * 40L).toString(),
                                        q(event[0]),
                                        q(event[1]),
                                        q(event[2].replaceFirst("%s", number).replace("%s", date)),
                                        q(event[3]),
                                        args));
                        w.write('\n');
                    }
                });
    }

    private long[] fillJobs(Side side, Path folder) throws IOException, SQLException {
        String[] steps = {"detect", "archive"};
        return fillTable(
                side,
                folder,
                "job",
                "invoice_id, step, state, attempts, run_after, lease_until",
                (w, i) -> {
                    String id = q(filledId(i, rows));
                    Timestamp received = filledReceived(i);
                    String lease = new Timestamp(received.getTime() + 300_000L).toString();
                    for (int j = 0; j < jobsPerInvoice; j++) {
                        w.write(
                                String.join(
                                        ",",
                                        id,
                                        q(steps[j % steps.length]),
                                        q(State.DONE.name()),
                                        "0",
                                        received.toString(),
                                        lease));
                        w.write('\n');
                    }
                });
    }

    /**
     * Index statistics, as Derby's automatic statistics daemon keeps them for tables that grew in
     * production, and a checkpoint so that the fill's dirty pages are not written during a round.
     */
    private static void analyze(Side side) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = side.ds.getConnection()) {
            for (String table :
                    List.of(
                            "INVOICE",
                            "INVOICE_EVENT",
                            "JOB",
                            DuplicateIndex.TABLE.toUpperCase(Locale.ROOT))) {
                try (PreparedStatement p =
                        c.prepareStatement(
                                "CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', ?, NULL)")) {
                    p.setString(1, table);
                    p.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: statistics and checkpoint in %.1f s%n",
                side.name,
                (System.nanoTime() - start) / 1e9);
    }

    /** One generated file. */
    record Doc(String name, byte[] bytes) {}

    /** The duplicate check as the pipeline calls it, with the time it takes. */
    static final class TimedCheck implements DuplicateCheck {
        private final DuplicateCheck check;
        final AtomicLong nanos = new AtomicLong();
        final AtomicInteger count = new AtomicInteger();

        TimedCheck(DuplicateCheck check) {
            this.check = check;
        }

        @Override
        public DuplicateVerdict check(String dossier, String documentId, Invoice invoice) {
            long t = System.nanoTime();
            try {
                return check.check(dossier, documentId, invoice);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
                count.incrementAndGet();
            }
        }

        @Override
        public void forget(String dossier, String documentId) {
            check.forget(dossier, documentId);
        }

        void reset() {
            nanos.set(0);
            count.set(0);
        }

        double averageMillis() {
            return count.get() == 0 ? 0 : nanos.get() / 1e6 / count.get();
        }
    }

    /** One store: its own Derby database on disk, document folder, inbox and duplicate check. */
    private final class Side {
        final String name;
        final EmbeddedDataSource ds;
        final InboxService inbox;
        final TimedCheck check;
        final List<String> imported = new ArrayList<>();
        final List<String> importedNames = new ArrayList<>();

        /** Time spent in {@code receive} during the last import (the measuring thread). */
        long receiveNanos;

        Side(Path root, String name) throws Exception {
            this.name = name;
            this.ds = new EmbeddedDataSource();
            ds.setDatabaseName(root.resolve(name + "-derby").toString());
            ds.setCreateDatabase("create");
            Database database = new Database(ds);
            new DossierStore(database)
                    .create(new Dossier(DOSSIER, "Bench " + name, "DE", "", "", "de"));
            this.inbox =
                    InboxService.standalone(
                            database, DOSSIER::equals, root.resolve(name + "-files"), config());
            this.check = new TimedCheck(new IndexedDuplicateCheck(ds, 3, 10));
        }

        /**
         * Receives every document while a pipeline (started and bound beforehand, as DS does at
         * startup) detects, reads, validates and checks them; timed from the first receive until no
         * job is pending or running. Each invoice ends parked at the archive step (no archive
         * installed), the same in both stores.
         */
        double importAll(List<Doc> docs) throws Exception {
            Pipeline pipeline = PipelineAccess.start(inbox);
            try {
                readers.forEach((id, reader) -> PipelineAccess.addReader(pipeline, id, reader));
                PipelineAccess.addValidator(pipeline, validator);
                PipelineAccess.setDuplicateCheck(pipeline, check);
                drained();
                check.reset();
                long t0 = System.nanoTime();
                receiveNanos = 0;
                for (Doc doc : docs) {
                    long r0 = System.nanoTime();
                    InboxService.Received r =
                            inbox.receive(
                                    DOSSIER,
                                    new ByteArrayInputStream(doc.bytes()),
                                    doc.name(),
                                    "application/xml",
                                    new Source("bench", "import"));
                    receiveNanos += System.nanoTime() - r0;
                    if (r.alreadyKnown()) {
                        throw new IllegalStateException(doc.name() + " has the bytes of another");
                    }
                    imported.add(r.id());
                    importedNames.add(doc.name());
                }
                drained();
                return (System.nanoTime() - t0) / 1e9;
            } finally {
                PipelineAccess.stop(pipeline);
            }
        }

        private void drained() throws Exception {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (inbox.queue().count(State.PENDING) + inbox.queue().count(State.RUNNING) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The pipeline did not finish in 10 minutes");
                }
                Thread.sleep(5);
            }
        }

        /**
         * Checks that every imported invoice went through the duplicate check and that exactly the
         * twins were found duplicates; prints what the statuses and verdicts were.
         */
        void verify(int roundsDone, int storedTwins) throws SQLException {
            Map<String, Integer> statuses = new TreeMap<>();
            Map<String, Integer> verdicts = new TreeMap<>();
            int duplicatesOfStored = 0;
            try (Connection c = ds.getConnection();
                    PreparedStatement status =
                            c.prepareStatement("SELECT status FROM invoice WHERE id = ?");
                    PreparedStatement verdict =
                            c.prepareStatement(
                                    "SELECT outcome FROM invoice_event WHERE invoice_id = ?"
                                            + " AND step = 'duplicates'")) {
                for (int k = 0; k < imported.size(); k++) {
                    String id = imported.get(k);
                    status.setString(1, id);
                    try (ResultSet rs = status.executeQuery()) {
                        rs.next();
                        statuses.merge(rs.getString(1), 1, Integer::sum);
                    }
                    verdict.setString(1, id);
                    String outcome = "none";
                    try (ResultSet rs = verdict.executeQuery()) {
                        if (rs.next()) {
                            outcome = rs.getString(1);
                        }
                    }
                    verdicts.merge(outcome, 1, Integer::sum);
                    if (importedNames.get(k).startsWith("stored-twin")
                            && outcome.equals("duplicate")) {
                        duplicatesOfStored++;
                    }
                }
            }
            int dead = inbox.queue().count(State.DEAD);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d imported; statuses %s; duplicate check outcomes %s; %d dead jobs%n",
                    name,
                    imported.size(),
                    statuses,
                    verdicts,
                    dead);
            int expected = roundsDone * twinsPerRound + storedTwins;
            if (verdicts.getOrDefault("none", 0) > 0
                    || verdicts.getOrDefault("duplicate", 0) != expected
                    || duplicatesOfStored != storedTwins
                    || dead > 0) {
                throw new IllegalStateException(
                        name
                                + ": expected every invoice checked and exactly "
                                + expected
                                + " duplicates ("
                                + storedTwins
                                + " of stored invoices), no dead job");
            }
        }
    }

    /**
     * Distinct CII invoices from the corpus's Factur-X BASIC example: number, issue, delivery and
     * due dates, quantity (so net, VAT and payable amounts, recomputed so that the invoice stays
     * valid) and the seller's VAT id vary; a copy carries another note, so other bytes.
     */
    static final class Generator {
        private final String template;

        Generator(String template) {
            this.template = template;
            expect("<ram:ID>471102</ram:ID>", 1);
            expect(">20241115<", 1);
            expect(">20241114<", 1);
            expect(">20241215<", 1);
            expect(">20.0000<", 1);
            expect(">198.00<", 4);
            expect(">37.62<", 2);
            expect(">235.62<", 2);
            expect(">DE123456789<", 1);
            expect("Rechnung gemäß Bestellung vom 01.11.2024.", 1);
        }

        private void expect(String text, int times) {
            int n = 0;
            for (int at = template.indexOf(text); at >= 0; at = template.indexOf(text, at + 1)) {
                n++;
            }
            if (n != times) {
                throw new IllegalStateException(
                        "The template " + TEMPLATE + " changed: '" + text + "' " + n + " times");
            }
        }

        byte[] xml(int seller, String number, LocalDate issued, int qty, boolean copy) {
            BigDecimal net = UNIT_PRICE.multiply(BigDecimal.valueOf(qty)).setScale(2);
            BigDecimal vat = net.multiply(VAT_RATE).setScale(2, RoundingMode.HALF_UP);
            BigDecimal gross = net.add(vat);
            String xml =
                    template.replace("<ram:ID>471102</ram:ID>", "<ram:ID>" + number + "</ram:ID>")
                            .replace(">20241115<", ">" + YMD.format(issued) + "<")
                            .replace(">20241114<", ">" + YMD.format(issued.minusDays(1)) + "<")
                            .replace(">20241215<", ">" + YMD.format(issued.plusDays(30)) + "<")
                            .replace(">20.0000<", ">" + qty + ".0000<")
                            .replace(">198.00<", ">" + net.toPlainString() + "<")
                            .replace(">37.62<", ">" + vat.toPlainString() + "<")
                            .replace(">235.62<", ">" + gross.toPlainString() + "<")
                            .replace(
                                    ">DE123456789<",
                                    String.format(Locale.ROOT, ">DE%09d<", 123_400_000 + seller));
            if (copy) {
                xml =
                        xml.replace(
                                "Rechnung gemäß Bestellung vom 01.11.2024.",
                                "Rechnung gemäß Bestellung vom 01.11.2024. Zweitschrift.");
            }
            return xml.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The payable amount of an invoice of {@code qty} items, as the generator computes it. */
    static BigDecimal payable(int qty) {
        BigDecimal net = UNIT_PRICE.multiply(BigDecimal.valueOf(qty)).setScale(2);
        return net.add(net.multiply(VAT_RATE).setScale(2, RoundingMode.HALF_UP));
    }

    private InboxConfig config() {
        int n = workers;
        return new InboxConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InboxConfig.class;
            }

            @Override
            public long maxFileBytes() {
                return 20L * 1024 * 1024;
            }

            @Override
            public String folder() {
                return "";
            }

            @Override
            public int workers() {
                return n;
            }

            @Override
            public int maxAttempts() {
                return 6;
            }
        };
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
