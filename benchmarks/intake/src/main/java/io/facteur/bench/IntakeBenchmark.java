package io.facteur.bench;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.execute.IValidationExecutorCacheSupport;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.en16931.EN16931Validation;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import io.facteur.api.Dossiers.Dossier;
import io.facteur.api.Inbox.Source;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.Validator;
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
import io.facteur.validation.internal.FacturXProfileValidator;
import io.facteur.validation.internal.RuleLibrary;
import io.facteur.validation.internal.XRechnungValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;
import org.w3c.dom.Element;

/**
 * Intake and validation throughput on the shared corpus, in one JVM, one measuring thread, with
 * baselines run the same way: see benchmarks/README.md, section "Intake and validation".
 *
 * <p>System properties: {@code bench.corpus} (default {@code ../shared/corpus}), {@code
 * bench.warmup} (passes, default 2), {@code bench.passes} (measured passes, default 5), {@code
 * bench.workers} (pipeline worker counts, default {@code 1,2}), {@code bench.pipelinePasses}
 * (measured pipeline passes, default 1), {@code bench.pipelineWarmupFiles} (default 12).
 */
public final class IntakeBenchmark {
    private static final double READ_TARGET = 0.7;
    private static final double VALIDATION_TARGET = 0.8;
    private static final double HTTP_TARGET = 0.5;
    private static final String CII_NS =
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static final String UBL_INVOICE_NS =
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private static final String UBL_CREDIT_NOTE_NS =
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    /** One corpus file, its bytes kept in memory (the read measures still read the file). */
    record Item(Path path, String kind, byte[] bytes) {
        String name() {
            return path.getFileName().toString();
        }

        String mediaType() {
            return kind.equals("pdf") ? "application/pdf" : "application/xml";
        }

        io.facteur.api.Document document() {
            return new io.facteur.api.Document(name(), mediaType(), bytes);
        }
    }

    /** Work on one file; returns false when it failed (an exception, unreadable, refused). */
    interface Task {
        boolean run(Item item) throws Exception;
    }

    /** A measured figure. */
    record Result(
            String label,
            int files,
            int passes,
            double seconds,
            Map<String, double[]> byKind,
            int failures,
            String note) {
        double rate() {
            return files * (double) passes / seconds;
        }
    }

    private final List<Result> results = new ArrayList<>();
    private final int warmup = Integer.getInteger("bench.warmup", 2);
    private final int passes = Integer.getInteger("bench.passes", 5);
    private final int pipelinePasses = Integer.getInteger("bench.pipelinePasses", 1);
    private final int pipelineWarmupFiles = Integer.getInteger("bench.pipelineWarmupFiles", 12);

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path work = Files.createTempDirectory("facteur-bench-");
        System.setProperty("derby.system.home", work.toString());
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        try {
            new IntakeBenchmark().run(corpus, work);
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
            } catch (SQLException expected) {
                // XJ015: Derby's way to report a shutdown
            }
            deleteTree(work);
        }
    }

    private void run(Path corpus, Path work) throws Exception {
        List<Item> items = corpus(corpus);
        long started = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "Corpus %s: %d files (%s); JDK %s, %d processors; %d warm-up + %d measured passes%n%n",
                corpus.toAbsolutePath().normalize(),
                items.size(),
                countByKind(items),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                warmup,
                passes);

        // (1) Mustang's importer: the constructor reads the file and fills Mustang's invoice
        Result mustang =
                measure(
                        "(1) Mustang new ZUGFeRDInvoiceImporter(path)",
                        items,
                        item -> {
                            try {
                                new ZUGFeRDInvoiceImporter(item.path().toString());
                                return true;
                            } catch (RuntimeException e) {
                                return false; // it throws on some valid files: see STACK.md
                            }
                        },
                        "failures = files on which Mustang throws");

        // (2) Facteur's readers directly: read the file, detect (in the pipeline's order), read
        Map<String, InvoiceReader> readers = readers();
        Result facteurRead =
                measure(
                        "(2) Facteur readers: detect + read",
                        items,
                        item -> {
                            io.facteur.api.Document doc =
                                    new io.facteur.api.Document(
                                            item.name(),
                                            item.mediaType(),
                                            Files.readAllBytes(item.path()));
                            for (InvoiceReader reader : readers.values()) {
                                Optional<Syntax> syntax = reader.detect(doc);
                                if (syntax.isPresent()) {
                                    try {
                                        reader.read(doc);
                                        return true;
                                    } catch (UnreadableInvoiceException e) {
                                        return false;
                                    }
                                }
                            }
                            return false;
                        },
                        "failures = not detected or refused");

        // (4) and (5) need the XML of every file and its rule set
        List<Item> validated = new ArrayList<>();
        Map<Item, byte[]> xmlOf = new LinkedHashMap<>();
        Map<Item, DVRCoordinate> vidOf = new LinkedHashMap<>();
        for (Item item : items) {
            byte[] xml = item.kind().equals("pdf") ? embeddedXml(item.bytes()) : item.bytes();
            DVRCoordinate vid = xml == null ? null : ruleSetOf(xml);
            if (vid != null) {
                validated.add(item);
                xmlOf.put(item, xml);
                vidOf.put(item, vid);
            }
        }
        List<String> skipped =
                items.stream().filter(i -> !validated.contains(i)).map(Item::name).toList();

        // (4) bare phive: the EN 16931 rule sets compiled once (XSLT cached), on the XML in memory
        ValidationExecutorSetRegistry<IValidationSourceXML> registry =
                new ValidationExecutorSetRegistry<>();
        EN16931Validation.initEN16931(registry);
        Map<DVRCoordinate, IValidationExecutorSet<IValidationSourceXML>> sets =
                new java.util.HashMap<>();
        for (DVRCoordinate vid : vidOf.values()) {
            sets.computeIfAbsent(vid, v -> compiled(registry, v));
        }
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        boolean bareParse = Boolean.getBoolean("bench.jdkParser");
        Result phive =
                measure(
                        "(4) bare phive EN 16931 1.3.16 (XML)",
                        validated,
                        item -> {
                            org.w3c.dom.Document dom =
                                    bareParse
                                            ? dbf.newDocumentBuilder()
                                                    .parse(
                                                            new ByteArrayInputStream(
                                                                    xmlOf.get(item)))
                                            : io.facteur.api.xml.SafeXml.parse(xmlOf.get(item));
                            ValidationResultList r =
                                    ValidationExecutionManager.executeValidation(
                                            IValidityDeterminator.createDefault(),
                                            sets.get(vidOf.get(item)),
                                            ValidationSourceXML.create(item.name(), dom),
                                            Locale.ENGLISH);
                            return !r.containsAtLeastOneError();
                        },
                        "failures = invoices with an EN 16931 error; PDFs' XML extracted beforehand;"
                                + " not validated (no EN 16931 rule set for their XML): "
                                + skipped);

        // (5) Facteur's validator, on the original documents (PDFs: it extracts their XML)
        Validator en16931 = new En16931Validator(new RuleLibrary());
        Result facteurValidate =
                measure(
                        "(5) Facteur En16931Validator.validate",
                        validated,
                        item -> en16931.validate(item.document(), null).valid(),
                        "the same files, original bytes in memory; failures = invalid reports");

        // (3) the pipeline, and the pipeline's validate step
        Intake intake = new Intake(work);
        List<Result> pipeline = new ArrayList<>();
        for (String w : System.getProperty("bench.workers", "1,2").split(",")) {
            if (w.isBlank()) {
                continue;
            }
            int workers = Integer.parseInt(w.trim());
            pipeline.addAll(intake.measure(items, workers, en16931));
        }
        List<Result> direct =
                Boolean.parseBoolean(System.getProperty("bench.direct", "true"))
                        ? intake.measureWithoutPoller(items, en16931)
                        : List.of();

        // (7) and (8): everything included, in process and over HTTP against a running Facteur
        String http = System.getProperty("bench.http", "");
        Result full = null;
        Result overHttp = null;
        if (!http.isBlank()) {
            List<Validator> all =
                    List.of(
                            en16931,
                            new XRechnungValidator(new RuleLibrary()),
                            new FacturXProfileValidator(new RuleLibrary()));
            int workers = Integer.getInteger("bench.httpWorkers", 2);
            full = intake.measureFull(items, workers, all);
            overHttp = httpRun(http, items, Integer.getInteger("bench.clients", 8));
        }

        printResults();
        Result pipeline1 =
                pipeline.stream()
                        .filter(
                                r ->
                                        r.label().startsWith("(3) ")
                                                && r.label().contains("1 worker)"))
                        .findFirst()
                        .orElse(pipeline.isEmpty() ? null : pipeline.get(0));
        System.out.println();
        System.out.println("RATIOS (same JVM, same files; targets from the issue)");
        ratio("(3)/(1) pipeline, 1 worker / Mustang importer", pipeline1, mustang, READ_TARGET);
        ratio("(5)/(4) Facteur validator / bare phive", facteurValidate, phive, VALIDATION_TARGET);
        // the platform's default is 2 workers (io.facteur.inbox workers)
        for (Result r : pipeline) {
            if (r.label().startsWith("(6) ")) {
                ratio(
                        "(6)/(4) validate step " + label(r) + " / bare phive",
                        r,
                        phive,
                        r.label().contains("2 workers") ? VALIDATION_TARGET : 0);
            }
        }
        if (overHttp != null) {
            ratio("(8)/(7) over HTTP / in process, all included", overHttp, full, HTTP_TARGET);
        }
        System.out.println("informative:");
        ratio("(2)/(1) Facteur readers / Mustang importer", facteurRead, mustang, 0);
        for (Result r : pipeline) {
            ratio(
                    r.label().substring(0, 3) + " " + label(r) + " / baseline",
                    r,
                    r.label().startsWith("(3)") ? mustang : phive,
                    0);
        }
        for (Result r : direct) {
            ratio(
                    r.label().substring(0, 4) + " " + label(r) + " / baseline",
                    r,
                    r.label().startsWith("(3") ? mustang : phive,
                    0);
        }
        System.out.printf(
                Locale.ROOT, "%nTotal run time: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** (8): the corpus posted by concurrent clients to a running Facteur, until processed. */
    private Result httpRun(String base, List<Item> items, int clients) throws Exception {
        System.out.println(
                "measuring (8) over HTTP at " + base + " with " + clients + " clients ...");
        HttpIntake http =
                new HttpIntake(
                        base,
                        System.getProperty("bench.user", "admin"),
                        System.getProperty("bench.password", "admin"));
        List<Path> files = items.stream().map(Item::path).toList();
        List<String> types = items.stream().map(Item::mediaType).toList();
        String run = Long.toString(System.currentTimeMillis(), 36);
        // a whole pass first: every rule set the corpus needs is compiled, the JIT is warm
        http.pass("bench-http-warm-" + run, files, types, clients);
        double seconds = 0;
        int unfinished = 0;
        for (int p = 0; p < pipelinePasses; p++) {
            double[] t = http.pass("bench-http-" + run + "-" + p, files, types, clients);
            seconds += t[0];
            unfinished += (int) t[2];
        }
        Result r =
                new Result(
                        "(8) over HTTP, " + clients + " clients, everything included",
                        items.size(),
                        pipelinePasses,
                        seconds,
                        Map.of(),
                        unfinished,
                        "raw POSTs until no invoice is RECEIVED; failures = still RECEIVED after 10 min;"
                                + " the distribution runs every validator it ships (PDF/A too)");
        results.add(r);
        return r;
    }

    private static String label(Result r) {
        int open = r.label().indexOf('(', 2);
        return open < 0 ? "" : r.label().substring(open);
    }

    /** Warm-up passes, then measured passes, over the items, on this thread. */
    private Result measure(String label, List<Item> items, Task task, String note)
            throws Exception {
        System.out.println("measuring " + label + " ...");
        for (int i = 0; i < warmup; i++) {
            for (Item item : items) {
                task.run(item);
            }
        }
        Map<String, double[]> byKind = new TreeMap<>();
        int failures = 0;
        long total = 0;
        for (int p = 0; p < passes; p++) {
            for (Item item : items) {
                long t0 = System.nanoTime();
                boolean ok = task.run(item);
                long dt = System.nanoTime() - t0;
                total += dt;
                double[] k = byKind.computeIfAbsent(item.kind(), x -> new double[2]);
                k[0]++;
                k[1] += dt / 1e9;
                if (!ok && p == 0) {
                    failures++;
                }
            }
        }
        Result r = new Result(label, items.size(), passes, total / 1e9, byKind, failures, note);
        results.add(r);
        return r;
    }

    /** The inbox and the pipeline, with a real embedded Derby on disk and real fsync. */
    private final class Intake {
        private final Path work;
        private final Database database;
        private int pass;

        Intake(Path work) throws Exception {
            this.work = work;
            EmbeddedDataSource ds = new EmbeddedDataSource();
            ds.setDatabaseName(work.resolve("derby").toString());
            ds.setCreateDatabase("create");
            this.database = new Database(ds);
        }

        /** A fresh dossier and a fresh document folder (the store keeps each content once). */
        private InboxService inbox(int workers, String dossier) throws Exception {
            new DossierStore(database)
                    .create(new Dossier(dossier, "Bench " + dossier, "FR", "", "", "fr"));
            return InboxService.standalone(
                    database, dossier::equals, work.resolve(dossier), config(workers));
        }

        /**
         * (3) receive every file (fsync'd, one transaction each) while the pipeline's own poller
         * and workers detect and read them, until every job is parked at validate (no validator is
         * registered) or ended; then (6) register the validator and time the validate step.
         */
        List<Result> measure(List<Item> items, int workers, Validator validator) throws Exception {
            System.out.println("measuring the pipeline with " + workers + " worker(s) ...");
            List<Item> sample = new ArrayList<>();
            for (int i = 0; i < items.size() && sample.size() < pipelineWarmupFiles; i += 7) {
                sample.add(items.get(i));
            }
            pass(sample, workers, validator); // warm-up
            double intake = 0;
            double validate = 0;
            int[] counts = new int[3];
            for (int p = 0; p < pipelinePasses; p++) {
                double[] t = pass(items, workers, validator);
                intake += t[0];
                validate += t[1];
                counts[0] = (int) t[2];
                counts[1] = (int) t[3];
                counts[2] = (int) t[4];
            }
            String w = workers + (workers == 1 ? " worker)" : " workers)");
            Result r3 =
                    new Result(
                            "(3) Facteur pipeline: receive+detect+read+store (" + w,
                            items.size(),
                            pipelinePasses,
                            intake,
                            Map.of(),
                            items.size() - counts[0],
                            counts[0]
                                    + " parked at validate, "
                                    + counts[2]
                                    + " dead; pipeline poller + workers, real fsync + Derby on disk");
            Result r6 =
                    new Result(
                            "(6) Facteur pipeline: validate step (" + w,
                            counts[1],
                            pipelinePasses,
                            validate,
                            Map.of(),
                            0,
                            counts[1] + " validate jobs, from addValidator to the last one run");
            results.add(r3);
            results.add(r6);
            return List.of(r3, r6);
        }

        /**
         * Seconds for {@code pipelinePasses} passes of the whole pipeline, after a warm-up pass.
         */
        private double fullSeconds(List<Item> items, int workers, List<Validator> validators)
                throws Exception {
            double seconds = 0;
            for (int p = -1; p < pipelinePasses; p++) {
                String dossier = "bench-" + (++pass);
                InboxService inbox = inbox(workers, dossier);
                Pipeline pipeline = PipelineAccess.start(inbox);
                try {
                    addReaders(pipeline);
                    validators.forEach(v -> PipelineAccess.addValidator(pipeline, v));
                    long t0 = System.nanoTime();
                    for (Item item : items) {
                        receive(inbox, dossier, item);
                    }
                    drained(inbox);
                    if (p >= 0) {
                        seconds += (System.nanoTime() - t0) / 1e9;
                    }
                } finally {
                    PipelineAccess.stop(pipeline);
                }
            }
            return seconds;
        }

        /**
         * (7) everything included in process: readers and validators installed, every file received
         * while the pipeline detects, reads and validates, until no job is due.
         */
        Result measureFull(List<Item> items, int workers, List<Validator> validators)
                throws Exception {
            System.out.println("measuring (7) the whole pipeline with " + workers + " workers ...");
            double seconds = fullSeconds(items, workers, validators);
            Result r =
                    new Result(
                            "(7) in process, everything included (" + workers + " workers)",
                            items.size(),
                            pipelinePasses,
                            seconds,
                            Map.of(),
                            0,
                            "receive + detect + read + EN 16931, XRechnung and Factur-X rules");
            results.add(r);
            return r;
        }

        /** One pass: {intake s, validate s, parked, validate jobs run, dead}. */
        private double[] pass(List<Item> items, int workers, Validator validator) throws Exception {
            String dossier = "bench-" + (++pass);
            InboxService inbox = inbox(workers, dossier);
            int waitingBefore = inbox.queue().count(State.WAITING);
            int deadBefore = inbox.queue().count(State.DEAD);
            Pipeline pipeline = PipelineAccess.start(inbox);
            try {
                addReaders(pipeline);
                long t0 = System.nanoTime();
                for (Item item : items) {
                    receive(inbox, dossier, item);
                }
                drained(inbox);
                long t1 = System.nanoTime();
                int parked = inbox.queue().count(State.WAITING) - waitingBefore;
                int atValidate = waitingAt(inbox, "validate");
                PipelineAccess.addValidator(pipeline, validator);
                drained(inbox);
                long t2 = System.nanoTime();
                // validated: they left the validate step (done, or parked at the next step)
                int validated = atValidate - waitingAt(inbox, "validate");
                int dead = inbox.queue().count(State.DEAD) - deadBefore;
                return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, parked, validated, dead};
            } finally {
                PipelineAccess.stop(pipeline);
            }
        }

        /**
         * (3b) and (6b): the same steps through the pipeline's own {@code run}, on this thread,
         * without its poller (the poller claims jobs every 200 ms).
         */
        List<Result> measureWithoutPoller(List<Item> items, Validator validator) throws Exception {
            System.out.println("measuring the pipeline's steps without its poller ...");
            double intake = 0;
            double validate = 0;
            int validated = 0;
            int n = Math.max(1, warmup) + passes;
            for (int p = 0; p < n; p++) {
                String dossier = "bench-" + (++pass);
                InboxService inbox = inbox(1, dossier);
                Pipeline pipeline = PipelineAccess.start(inbox);
                PipelineAccess.stop(pipeline); // no poller, no workers: this thread runs the jobs
                addReaders(pipeline);
                long t0 = System.nanoTime();
                for (Item item : items) {
                    receive(inbox, dossier, item);
                }
                PipelineAccess.drainOnThisThread(pipeline, inbox);
                long t1 = System.nanoTime();
                PipelineAccess.addValidator(pipeline, validator);
                int ran = PipelineAccess.drainOnThisThread(pipeline, inbox);
                long t2 = System.nanoTime();
                if (p >= n - passes) {
                    intake += (t1 - t0) / 1e9;
                    validate += (t2 - t1) / 1e9;
                    validated = ran;
                }
            }
            Result r3 =
                    new Result(
                            "(3b) pipeline steps without the poller (receive+detect+read+store)",
                            items.size(),
                            passes,
                            intake,
                            Map.of(),
                            0,
                            "Pipeline.run on the measuring thread; same fsync, Derby, steps");
            Result r6 =
                    new Result(
                            "(6b) pipeline validate step without the poller",
                            validated,
                            passes,
                            validate,
                            Map.of(),
                            0,
                            validated + " validate jobs per pass");
            results.add(r3);
            results.add(r6);
            return List.of(r3, r6);
        }

        private void receive(InboxService inbox, String dossier, Item item) throws Exception {
            try (InputStream in = Files.newInputStream(item.path())) {
                inbox.receive(dossier, in, item.name(), item.mediaType(), new Source("bench", ""));
            }
        }

        private int waitingAt(InboxService inbox, String step) throws SQLException {
            try (java.sql.Connection c = inbox.database().connection();
                    java.sql.PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT COUNT(*) FROM job WHERE state = 'WAITING' AND step = ?")) {
                ps.setString(1, step);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }

        /** Waits until no job is due or running (every invoice parked, done or dead). */
        private void drained(InboxService inbox) throws Exception {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (inbox.queue().count(State.PENDING) + inbox.queue().count(State.RUNNING) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The pipeline did not finish in 10 minutes");
                }
                Thread.sleep(10);
            }
        }
    }

    private static void addReaders(Pipeline pipeline) {
        readers().forEach((id, reader) -> PipelineAccess.addReader(pipeline, id, reader));
    }

    /** The three readers, by capability id, in the order the pipeline tries them. */
    private static Map<String, InvoiceReader> readers() {
        Map<String, InvoiceReader> readers = new TreeMap<>();
        readers.put("format.cii", new CiiReader());
        readers.put("format.facturx", new FacturXReader());
        readers.put("format.ubl", new UblReader());
        return readers;
    }

    private static InboxConfig config(int workers) {
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
                return workers;
            }

            @Override
            public int maxAttempts() {
                return 6;
            }
        };
    }

    private static IValidationExecutorSet<IValidationSourceXML> compiled(
            ValidationExecutorSetRegistry<IValidationSourceXML> registry, DVRCoordinate vid) {
        IValidationExecutorSet<IValidationSourceXML> set = registry.getOfID(vid);
        for (IValidationExecutor<IValidationSourceXML> executor : set.getAllExecutors()) {
            if (executor instanceof IValidationExecutorCacheSupport cached) {
                cached.setCacheArtefact(true);
                cached.ensureItemIsInCache();
            }
        }
        return set;
    }

    /** The EN 16931 rule set for this XML's root element, null when there is none. */
    private static DVRCoordinate ruleSetOf(byte[] xml) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            Element root =
                    dbf.newDocumentBuilder()
                            .parse(new ByteArrayInputStream(xml))
                            .getDocumentElement();
            String ns = String.valueOf(root.getNamespaceURI());
            if (ns.equals(CII_NS)) {
                return EN16931Validation.VID_CII_1316;
            }
            if (ns.equals(UBL_INVOICE_NS)) {
                return EN16931Validation.VID_UBL_INVOICE_1316;
            }
            if (ns.equals(UBL_CREDIT_NOTE_NS)) {
                return EN16931Validation.VID_UBL_CREDIT_NOTE_1316;
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The invoice XML of a Factur-X / ZUGFeRD PDF, as Mustang finds it; null when none. */
    private static byte[] embeddedXml(byte[] pdf) {
        try {
            RawXml importer = new RawXml();
            importer.setInputStream(new ByteArrayInputStream(pdf));
            return importer.xml();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Mustang's importer that only finds the XML (as the Facteur reader does). */
    private static final class RawXml extends ZUGFeRDInvoiceImporter {
        RawXml() {
            parseAutomatically = false;
        }

        @Override
        public void setRawXML(byte[] xml) {
            this.rawXML = xml;
        }

        byte[] xml() {
            return rawXML;
        }
    }

    private static List<Item> corpus(Path corpus) throws IOException {
        List<Item> items = new ArrayList<>();
        for (String kind : List.of("pdf", "cii", "ubl")) {
            try (Stream<Path> files = Files.list(corpus.resolve(kind))) {
                for (Path f :
                        files.filter(Files::isRegularFile)
                                .sorted(Comparator.comparing(Path::toString))
                                .toList()) {
                    items.add(new Item(f, kind, Files.readAllBytes(f)));
                }
            }
        }
        if (items.isEmpty()) {
            throw new IllegalStateException("No corpus files under " + corpus.toAbsolutePath());
        }
        return items;
    }

    private static String countByKind(List<Item> items) {
        Map<String, Integer> n = new TreeMap<>();
        items.forEach(i -> n.merge(i.kind(), 1, Integer::sum));
        return n.toString();
    }

    private void printResults() {
        System.out.println();
        System.out.println("RESULTS (files/s, one measuring thread; per kind: pdf / cii / ubl)");
        for (Result r : results) {
            StringBuilder kinds = new StringBuilder();
            for (Map.Entry<String, double[]> k : r.byKind().entrySet()) {
                kinds.append(
                        String.format(
                                Locale.ROOT,
                                " %s %.0f",
                                k.getKey(),
                                k.getValue()[0] / k.getValue()[1]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-72s %8.1f files/s  (%d files x %d, %.2f s)%s%s%n      %s%n",
                    r.label(),
                    r.rate(),
                    r.files(),
                    r.passes(),
                    r.seconds(),
                    kinds.length() == 0 ? "" : " [" + kinds.toString().trim() + "]",
                    r.failures() == 0 ? "" : " failures: " + r.failures(),
                    r.note());
        }
    }

    private static void ratio(String label, Result measured, Result baseline, double target) {
        if (measured == null || baseline == null) {
            return;
        }
        double ratio = measured.rate() / baseline.rate();
        System.out.printf(
                Locale.ROOT,
                "  %-60s %6.3fx%s%n",
                label,
                ratio,
                target <= 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "   target >= %.1fx: %s",
                                target,
                                ratio >= target ? "MET" : "NOT MET"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
