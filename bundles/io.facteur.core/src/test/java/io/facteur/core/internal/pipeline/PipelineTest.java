package io.facteur.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import io.facteur.api.Archive;
import io.facteur.api.Capability;
import io.facteur.api.Document;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.DuplicateCheck.Field;
import io.facteur.api.DuplicateCheck.Match;
import io.facteur.api.Inbox.Source;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.api.Validator;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.inbox.InboxFixture;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.TimelineEvent;
import io.facteur.core.internal.pipeline.JobQueue.State;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    private static final Map<String, Object> TEST_FORMAT = Map.of(Capability.ID, "format.test");
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 10));

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private InboxService inbox;
    private final List<Pipeline> started = new ArrayList<>();

    @BeforeEach
    void inbox() throws Exception {
        Database database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        inbox =
                InboxService.standalone(
                        database, "acme"::equals, folder, InboxFixture.config(1 << 20, 2, 2));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Pipeline pipeline : started) {
            pipeline.deactivate();
        }
    }

    @Test
    void withoutAReaderAnInvoiceWaitsAndResumesWhenOneIsInstalled() throws Exception {
        Pipeline pipeline = start();
        pipeline.addValidator(new NumberRules());
        String id = receive("TESTINVOICE;number=INV-1;date=2024-05-01");

        awaitEvent(id, Steps.DETECT, "waiting");
        assertThat(row(id).status()).isEqualTo(InvoiceStatus.RECEIVED);
        assertThat(inbox.queue().count(State.WAITING)).isEqualTo(1);

        pipeline.addReader(new TestReader(), TEST_FORMAT);

        awaitStatus(id, InvoiceStatus.READY);
        awaitEvent(id, Steps.ARCHIVE, "ok"); // archiving is a job of its own
        InvoiceRow row = row(id);
        assertThat(row.format()).isEqualTo("test");
        assertThat(row.profile()).isEqualTo("urn:facteur:test");
        assertThat(row.reader()).isEqualTo("format.test");
        assertThat(row.number()).isEqualTo("INV-1");
        assertThat(row.issueDate()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(row.sellerName()).isEqualTo("Test Seller");
        assertThat(row.payable()).isEqualByComparingTo("120.00");
        assertThat(row.reason()).isNull();
        assertThat(inbox.invoices().timeline(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(
                        tuple("received", "ok"),
                        tuple(Steps.DETECT, "waiting"),
                        tuple(Steps.DETECT, "ok"),
                        tuple(Steps.READ, "ok"),
                        tuple(Steps.VALIDATE, "ok"),
                        tuple(Steps.DUPLICATES, "ok"),
                        tuple(Steps.ARCHIVE, "ok"));
        assertThat(inbox.derived().invoice(id)).map(Invoice::number).contains("INV-1");
        // detect, read, validate and the duplicate check ran as one job, in one transaction;
        // archiving (a write outside the database) as a second
        assertThat(inbox.queue().count(State.DONE)).isEqualTo(2);
        assertThat(inbox.queue().count(State.WAITING)).isZero();
    }

    @Test
    void withoutAValidatorAReadInvoiceWaitsAndIsReadyOnceOneIsInstalled() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        String id = receive("TESTINVOICE;number=INV-2;date=2024-06-30");

        awaitEvent(id, Steps.VALIDATE, "waiting");
        assertThat(row(id).status()).isEqualTo(InvoiceStatus.RECEIVED);
        assertThat(row(id).number()).isEqualTo("INV-2");
        assertThat(inbox.derived().report(id)).isEmpty();

        pipeline.addValidator(new NumberRules());

        awaitStatus(id, InvoiceStatus.READY);
        ValidationReport report = inbox.derived().report(id).orElseThrow();
        assertThat(report.ruleSet()).isEqualTo("TEST-RULES 1.0");
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void anInvoiceWithAnErrorFindingIsInvalidAndItsFindingIsKept() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());
        String id = receive("TESTINVOICE;number=BAD-7;date=2024-05-01");

        awaitStatus(id, InvoiceStatus.INVALID);
        awaitEvent(id, Steps.ARCHIVE, "ok"); // archiving is a job of its own
        assertThat(row(id).reason()).contains("TEST-RULES 1.0", "1 error");
        assertThat(inbox.invoices().timeline(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .contains(tuple(Steps.VALIDATE, "invalid"), tuple(Steps.ARCHIVE, "ok"));
        assertThat(inbox.derived().report(id).orElseThrow().findings())
                .containsExactly(
                        new Finding("TEST-01", Severity.ERROR, "number", "BAD is not a number"));
    }

    @Test
    void aDocumentNoReaderRecognisesIsRejectedNamingTheReaders() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addReader(new OtherReader(), Map.of(Capability.ID, "format.other"));
        pipeline.addValidator(new NumberRules());
        String id = receive("%PDF-1.7 just a letter");

        awaitStatus(id, InvoiceStatus.REJECTED);
        assertThat(row(id).reason()).contains("format.test", "format.other");
        assertThat(lastEvent(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(Steps.DETECT, "rejected");
        assertThat(row(id).reader()).isNull();
        // parked, not finished: a reader installed later may recognise it
        assertThat(inbox.queue().count(State.WAITING)).isEqualTo(1);
        assertThat(inbox.queue().count(State.PENDING)).isZero();
    }

    @Test
    void aDocumentItsReaderCannotReadIsRejectedWithTheReadersReason() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());
        String id = receive("TESTINVOICE;broken");

        awaitStatus(id, InvoiceStatus.REJECTED);
        assertThat(row(id).reason()).isEqualTo("The test invoice has no number (BT-1)");
        assertThat(lastEvent(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(Steps.READ, "rejected");
        assertThat(inbox.derived().invoice(id)).isEmpty();
    }

    @Test
    void aCrashingReaderIsRetriedThenTheInvoiceFailsWithTheReason() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new CrashingReader(), TEST_FORMAT);
        String id = receive("TESTINVOICE;number=INV-3;date=2024-05-01");

        awaitEvent(id, Steps.DETECT, "retry");
        awaitStatus(id, InvoiceStatus.FAILED);
        assertThat(row(id).reason()).isEqualTo("IllegalStateException: reader crashed");
        assertThat(inbox.invoices().timeline(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(
                        tuple("received", "ok"),
                        tuple(Steps.DETECT, "retry"),
                        tuple(Steps.DETECT, "failed"));
        assertThat(lastEvent(id).detail())
                .contains("2 attempts", "IllegalStateException: reader crashed");
        assertThat(inbox.queue().count(State.DEAD)).isEqualTo(1);
        assertThat(inbox.queue().count(State.PENDING)).isZero();
    }

    @Test
    void aValidatorThatCrashesOnceRollsTheChainBackAndTheRetryRunsItWhole() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new CrashingOnceValidator());
        String id = receive("TESTINVOICE;number=INV-5;date=2024-05-01");

        awaitStatus(id, InvoiceStatus.READY);
        awaitEvent(id, Steps.ARCHIVE, "ok"); // archiving is a job of its own
        // the first run's detect and read were rolled back with the failed validate: nothing of
        // them is left but the retry event; the retry (after the back-off) ran the chain again
        assertThat(inbox.invoices().timeline(id))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(
                        tuple("received", "ok"),
                        tuple(Steps.VALIDATE, "retry"),
                        tuple(Steps.DETECT, "ok"),
                        tuple(Steps.READ, "ok"),
                        tuple(Steps.VALIDATE, "ok"),
                        tuple(Steps.DUPLICATES, "ok"),
                        tuple(Steps.ARCHIVE, "ok"));
        assertThat(inbox.queue().count(State.DONE)).isEqualTo(2);
    }

    @Test
    void anInvoiceParkedAtValidateWhoseDerivedRecordIsLostIsReadAgain() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        String id = receive("TESTINVOICE;number=INV-6;date=2024-05-01");
        awaitEvent(id, Steps.VALIDATE, "waiting");
        // what is derived is not forced to disk: a crash may lose it, never the original
        try (var files = java.nio.file.Files.walk(folder.resolve("derived"))) {
            for (java.nio.file.Path f :
                    files.filter(p -> p.toString().endsWith("invoice.json")).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        assertThat(inbox.derived().invoice(id)).isEmpty();

        pipeline.addValidator(new NumberRules());

        awaitStatus(id, InvoiceStatus.READY);
        assertThat(inbox.derived().invoice(id)).map(Invoice::number).contains("INV-6");
    }

    @Test
    void everyInvoiceWaitingForAValidatorResumesWhileOthersAreClaimed() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(receive("TESTINVOICE;number=W-" + i + ";date=2024-05-01"));
        }
        await(
                () -> inbox.queue().count(State.WAITING) == 60,
                () -> inbox.queue().count(State.WAITING) + " of 60 waiting");
        // new work arrives while the validator comes: claims and the wake run together
        for (int i = 0; i < 20; i++) {
            ids.add(receive("TESTINVOICE;number=N-" + i + ";date=2024-05-01"));
        }
        pipeline.addValidator(new NumberRules());

        for (String id : ids) {
            awaitStatus(id, InvoiceStatus.READY);
        }
        assertThat(inbox.queue().count(State.WAITING)).isZero();
    }

    @Test
    void theSameInvoiceAgainIsADuplicateNamingTheFirstAndBothAreArchived() throws Exception {
        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());
        String first = receive("TESTINVOICE;number=D-1;date=2024-05-01");
        awaitEvent(first, Steps.ARCHIVE, "ok");
        // other bytes (another channel, another syntax), the same invoice
        String again = receive("TESTINVOICE;number=D-1;date=2024-05-01;via=mail");

        awaitEvent(again, Steps.ARCHIVE, "ok");
        assertThat(row(again).status()).isEqualTo(InvoiceStatus.DUPLICATE);
        assertThat(row(again).reason()).contains(first);
        assertThat(row(first).status()).isEqualTo(InvoiceStatus.READY);
        assertThat(archive.stored).hasSize(2);
    }

    @Test
    void withDuplicatesOffNoCheckIsMadeAndNoneIsAwaited() throws Exception {
        Pipeline pipeline = bare();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());
        pipeline.setArchive(archive);
        pipeline.setDossiers(new OffDossiers());
        String id = receive("TESTINVOICE;number=O-1;date=2024-05-01");

        awaitEvent(id, Steps.ARCHIVE, "ok");
        assertThat(inbox.invoices().timeline(id))
                .extracting(TimelineEvent::step)
                .doesNotContain(Steps.DUPLICATES);
    }

    @Test
    void withoutDuplicateCheckOrArchiveTheInvoiceWaitsThenResumes() throws Exception {
        Pipeline pipeline = bare();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());
        String id = receive("TESTINVOICE;number=W-1;date=2024-05-01");

        awaitEvent(id, Steps.DUPLICATES, "waiting");
        assertThat(row(id).status()).isEqualTo(InvoiceStatus.READY);
        pipeline.setDuplicateCheck(new NumberDuplicates());
        awaitEvent(id, Steps.ARCHIVE, "waiting");
        pipeline.setArchive(archive);

        awaitEvent(id, Steps.ARCHIVE, "ok");
        assertThat(inbox.queue().count(State.WAITING)).isZero();
        assertThat(archive.stored).containsKey(id);
    }

    @Test
    void aNewPipelineResumesAJobLeftRunningByTheOneBefore() throws Exception {
        String id = receive("TESTINVOICE;number=INV-4;date=2024-05-01");
        // a pipeline claimed the job, then the platform stopped before it finished
        assertThat(inbox.queue().claim(1, Duration.ofMinutes(5))).hasSize(1);
        assertThat(inbox.queue().count(State.RUNNING)).isEqualTo(1);

        Pipeline pipeline = start();
        pipeline.addReader(new TestReader(), TEST_FORMAT);
        pipeline.addValidator(new NumberRules());

        awaitStatus(id, InvoiceStatus.READY);
        awaitEvent(id, Steps.ARCHIVE, "ok"); // archiving is a job of its own
        assertThat(inbox.queue().count(State.RUNNING)).isZero();
        assertThat(inbox.queue().count(State.DONE)).isEqualTo(2);
    }

    /** A pipeline with the steps after validation installed: duplicate check and archive. */
    private Pipeline start() throws Exception {
        Pipeline pipeline = bare();
        pipeline.setDuplicateCheck(new NumberDuplicates());
        pipeline.setArchive(archive);
        return pipeline;
    }

    /** A pipeline with nothing installed. */
    private Pipeline bare() throws Exception {
        Pipeline pipeline = new Pipeline(inbox);
        started.add(pipeline);
        return pipeline;
    }

    private final ShaArchive archive = new ShaArchive();

    private String receive(String content) throws Exception {
        return inbox.receive(
                        "acme",
                        new ByteArrayInputStream(content.getBytes(UTF_8)),
                        "invoice.txt",
                        "text/plain",
                        new Source("test", ""))
                .id();
    }

    private InvoiceRow row(String id) throws Exception {
        return inbox.invoices().find("acme", id).orElseThrow();
    }

    private TimelineEvent lastEvent(String id) throws Exception {
        List<TimelineEvent> timeline = inbox.invoices().timeline(id);
        return timeline.get(timeline.size() - 1);
    }

    private void awaitStatus(String id, InvoiceStatus status) throws Exception {
        await(
                () -> row(id).status() == status,
                () ->
                        "status "
                                + status
                                + ", but "
                                + row(id)
                                + " "
                                + timeline(id)
                                + " jobs "
                                + jobs(id));
    }

    private void awaitEvent(String id, String step, String outcome) throws Exception {
        await(
                () ->
                        inbox.invoices().timeline(id).stream()
                                .anyMatch(
                                        e -> e.step().equals(step) && e.outcome().equals(outcome)),
                () -> "a " + step + " " + outcome + " event, but " + timeline(id));
    }

    private String jobs(String id) throws Exception {
        try (java.sql.Connection c = inbox.database().connection();
                java.sql.PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, step, state, attempts, run_after, last_error FROM job WHERE invoice_id = ?")) {
            ps.setString(1, id);
            StringBuilder out = new StringBuilder();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append('[');
                    for (int i = 1; i <= 6; i++) {
                        out.append(rs.getString(i)).append(' ');
                    }
                    out.append(']');
                }
            }
            return out.toString();
        }
    }

    private String timeline(String id) throws Exception {
        return inbox.invoices().timeline(id).toString();
    }

    private static void await(Callable<Boolean> condition, Callable<String> expected)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + PATIENCE.toSeconds() + " s for " + expected.call());
            }
            Thread.sleep(50);
        }
    }

    /** Reads "TESTINVOICE;number=...;date=..." text documents. */
    static final class TestReader implements InvoiceReader {
        private static final String MAGIC = "TESTINVOICE;";

        @Override
        public Optional<Syntax> detect(Document document) {
            return text(document).startsWith(MAGIC)
                    ? Optional.of(new Syntax("test", "urn:facteur:test"))
                    : Optional.empty();
        }

        @Override
        public Invoice read(Document document) throws UnreadableInvoiceException {
            Map<String, String> fields = new HashMap<>();
            for (String field : text(document).substring(MAGIC.length()).split(";")) {
                String[] kv = field.split("=", 2);
                if (kv.length == 2) {
                    fields.put(kv[0], kv[1]);
                }
            }
            if (!fields.containsKey("number")) {
                throw new UnreadableInvoiceException("The test invoice has no number (BT-1)");
            }
            return new Invoice(
                    fields.get("number"),
                    LocalDate.parse(fields.get("date")),
                    "380",
                    "EUR",
                    null,
                    "",
                    "urn:facteur:test",
                    new Party("Test Seller", "", "", "FR00123456789", "", null),
                    new Party(
                            "Test Buyer", "", "", "", fields.getOrDefault("buyerEmail", ""), null),
                    List.of(),
                    List.of(),
                    new DocumentTotals(
                            new BigDecimal("100.00"),
                            null,
                            null,
                            new BigDecimal("100.00"),
                            new BigDecimal("20.00"),
                            null,
                            new BigDecimal("120.00"),
                            null,
                            null,
                            new BigDecimal("120.00")));
        }

        private static String text(Document document) {
            return new String(document.content(), UTF_8);
        }
    }

    /** Recognises "OTHER;" documents only; never asked to read in these tests. */
    static final class OtherReader implements InvoiceReader {
        @Override
        public Optional<Syntax> detect(Document document) {
            return new String(document.content(), UTF_8).startsWith("OTHER;")
                    ? Optional.of(new Syntax("other", ""))
                    : Optional.empty();
        }

        @Override
        public Invoice read(Document document) throws UnreadableInvoiceException {
            throw new UnreadableInvoiceException("not in these tests");
        }
    }

    /** A reader with a bug: it crashes on every document. */
    static final class CrashingReader implements InvoiceReader {
        @Override
        public Optional<Syntax> detect(Document document) {
            throw new IllegalStateException("reader crashed");
        }

        @Override
        public Invoice read(Document document) {
            throw new IllegalStateException("reader crashed");
        }
    }

    /** Throws on its first call, as a validator whose rule library had a transient failure. */
    static final class CrashingOnceValidator implements Validator {
        private final java.util.concurrent.atomic.AtomicBoolean crashed =
                new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public boolean appliesTo(Syntax syntax) {
            return true;
        }

        @Override
        public ValidationReport validate(Document original, Invoice invoice) {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("rule library not ready");
            }
            return new ValidationReport("TEST-RULES 1.0", List.of());
        }
    }

    /** Duplicates for test invoices: the same number and date in the dossier. */
    static final class NumberDuplicates implements DuplicateCheck {
        private final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public DuplicateVerdict check(String dossier, String documentId, Invoice invoice) {
            String key = dossier + "|" + invoice.number() + "|" + invoice.issueDate();
            String first = seen.putIfAbsent(key, documentId);
            return first == null || first.equals(documentId)
                    ? new DuplicateVerdict(Outcome.NONE, List.of(), "")
                    : new DuplicateVerdict(
                            Outcome.DUPLICATE,
                            List.of(
                                    new Match(
                                            first,
                                            Outcome.DUPLICATE,
                                            List.of(Field.NUMBER, Field.ISSUE_DATE))),
                            "same number and date");
        }

        @Override
        public void forget(String dossier, String documentId) {
            seen.values().remove(documentId);
        }
    }

    /** An archive that keeps what it is given, by document. */
    static final class ShaArchive implements Archive {
        final Map<String, Document> stored = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public ArchiveEntry store(
                String dossier,
                String documentId,
                Document original,
                java.time.LocalDate retainUntil) {
            stored.put(documentId, original);
            return new ArchiveEntry(
                    documentId,
                    sha256(original.content()),
                    java.time.Instant.now().toString(),
                    retainUntil.toString(),
                    stored.size(),
                    sha256(documentId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public Optional<Proof> proof(String dossier, String documentId) {
            return Optional.empty();
        }

        @Override
        public Optional<Seal> seal(String dossier) {
            return Optional.empty();
        }

        @Override
        public void export(String dossier, java.io.OutputStream out) {}

        @Override
        public List<String> purge(String dossier, java.time.LocalDate today) {
            return List.of();
        }

        @Override
        public Optional<Document> retrieve(String dossier, String documentId) {
            return Optional.ofNullable(stored.get(documentId));
        }

        @Override
        public IntegrityReport verify(String dossier) {
            return new IntegrityReport(true, stored.size(), 0, 0, List.of(), List.of());
        }
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dossiers whose duplicate mode is OFF. */
    static final class OffDossiers implements io.facteur.api.Dossiers {
        @Override
        public Optional<Dossier> find(String dossierId) {
            return Optional.empty();
        }

        @Override
        public DossierDefaults defaults(String dossierId) {
            return new DossierDefaults(
                    "fr",
                    30,
                    false,
                    false,
                    DuplicateMode.OFF,
                    10,
                    io.facteur.api.Dossiers.LanguageSource.COMPANY,
                    72);
        }
    }

    /** One rule for test invoices: a number must not contain BAD. */
    static final class NumberRules implements Validator {
        @Override
        public boolean appliesTo(Syntax syntax) {
            return syntax.syntax().equals("test");
        }

        @Override
        public ValidationReport validate(Document original, Invoice invoice) {
            return new ValidationReport(
                    "TEST-RULES 1.0",
                    invoice.number().contains("BAD")
                            ? List.of(
                                    new Finding(
                                            "TEST-01",
                                            Severity.ERROR,
                                            "number",
                                            "BAD is not a number"))
                            : List.of());
        }
    }
}
