package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.invoicing.internal.DocumentStateException.Reason;
import io.facteur.invoicing.internal.StoredDocument.State;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IssuingTest {
    private static final String DOSSIER = "dossier-1";

    @RegisterExtension final TestDerby derby = new TestDerby();

    private final TestClock clock =
            new TestClock(ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, TestClock.PARIS));
    private final RecordingInbox inbox = new RecordingInbox();
    private final PdfInvoiceEmbedder embedder = (pdf, xml) -> pdf;
    private InvoicingDatabase database;
    private Documents documents;
    private Issuing issuing;

    @BeforeEach
    void setUp() throws SQLException {
        database = new InvoicingDatabase(derby.dataSource());
        documents = new Documents(database, clock);
        new SellerProfiles(database, clock).save(DOSSIER, SampleDrafts.seller());
        issuing = issuing();
    }

    private Issuing issuing() {
        return new Issuing(
                database, inbox, embedder, clock, LanguageRule.customerOr("fr"), Duration.ZERO);
    }

    /** A draft as the user leaves it: no issue date, no due date, no language. */
    static Draft draft(Buyer buyer) {
        Draft d =
                SampleDrafts.draft(
                        false,
                        "EUR",
                        "",
                        buyer,
                        List.of(SampleDrafts.line("Conseil", "2", "450.00", "S", "20")),
                        List.of(),
                        java.util.Map.of());
        return new Draft(
                d.creditNote(),
                d.currency(),
                null,
                null,
                "",
                d.buyer(),
                d.lines(),
                d.adjustments(),
                d.notes(),
                "",
                d.paymentMeansCode(),
                d.purchaseOrder(),
                d.precedingInvoice(),
                d.precedingInvoiceDate(),
                d.exemptionReasons(),
                null);
    }

    private String newDraft() throws SQLException {
        return documents.create(DOSSIER, draft(SampleDrafts.frenchBuyer())).id();
    }

    private Issuing.Issued issue(String id) throws Exception {
        return issuing.issue(DOSSIER, id, Locale.ENGLISH);
    }

    @Test
    void withoutTheEmbedderAnInvoiceIsIssuedAndWaitsThenGoesWhenItIsBack() throws Exception {
        Issuing waiting =
                new Issuing(
                        database, inbox, null, clock, LanguageRule.customerOr("fr"), Duration.ZERO);
        String id = newDraft();

        Issuing.Issued issued = waiting.issue(DOSSIER, id, Locale.ENGLISH);

        assertThat(issued.number()).isEqualTo("F2026-00001");
        assertThat(issued.inboxDocumentId()).isNull();
        assertThat(documents.find(DOSSIER, id).orElseThrow().state())
                .isEqualTo(StoredDocument.State.ISSUED);
        assertThat(waiting.resubmitPending()).isZero();
        assertThat(inbox.stored()).isEmpty();

        waiting.setEmbedder(embedder);
        assertThat(waiting.resubmitPending()).isEqualTo(1);
        assertThat(documents.find(DOSSIER, id).orElseThrow().state())
                .isEqualTo(StoredDocument.State.SUBMITTED);
        assertThat(inbox.stored()).hasSize(1);
    }

    @Test
    void concurrentIssuesTakeEveryNumberOnceInTheOrderOfTheirDates() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(newDraft());
        }
        // 20:00 in Paris, each reading of the clock a minute later: the issues cross midnight
        clock.set(ZonedDateTime.of(2026, 3, 12, 20, 0, 0, 0, TestClock.PARIS));
        clock.step(Duration.ofMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Issuing.Issued>> results = new ArrayList<>();
        try {
            for (String id : ids) {
                results.add(
                        threads.submit(
                                () -> {
                                    start.await();
                                    return issuing.issue(DOSSIER, id, Locale.ENGLISH);
                                }));
            }
            start.countDown();
            List<Issuing.Issued> issued = new ArrayList<>();
            for (Future<Issuing.Issued> result : results) {
                issued.add(result.get());
            }
            issued.sort(Comparator.comparing(Issuing.Issued::number));

            assertThat(issued)
                    .extracting(Issuing.Issued::number)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 100)
                                    .mapToObj(n -> String.format("F2026-%05d", n))
                                    .toList());
            for (int i = 1; i < issued.size(); i++) {
                assertThat(issued.get(i).issueDate())
                        .isAfterOrEqualTo(issued.get(i - 1).issueDate());
            }
            assertThat(issued.get(99).issueDate()).isAfter(LocalDate.of(2026, 3, 12));
            assertThat(issued).allSatisfy(i -> assertThat(i.inboxDocumentId()).isNotNull());
            assertThat(inbox.stored()).hasSize(100);
            assertThat(documents.list(DOSSIER))
                    .allSatisfy(d -> assertThat(d.state()).isEqualTo(State.SUBMITTED));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void issuingFixesTheNumberDatesLanguageAndSnapshotThenSubmits() throws Exception {
        String id = documents.create(DOSSIER, draft(SampleDrafts.germanBuyer())).id();

        Issuing.Issued issued = issue(id);

        assertThat(issued.number()).isEqualTo("F2026-00001");
        assertThat(issued.issueDate()).isEqualTo(LocalDate.of(2026, 3, 12));
        StoredDocument stored = documents.find(DOSSIER, id).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.SUBMITTED);
        assertThat(stored.number()).isEqualTo("F2026-00001");
        assertThat(stored.inboxDocumentId()).isEqualTo(issued.inboxDocumentId()).isNotNull();
        IssuedInvoice snapshot = stored.issued();
        assertThat(snapshot.language()).isEqualTo("de"); // the customer's, by the rule
        assertThat(snapshot.dueDate()).isEqualTo(LocalDate.of(2026, 4, 11)); // 30 days
        assertThat(snapshot.draft().issueDate()).isEqualTo(snapshot.issueDate());
        assertThat(snapshot.totals().payable()).isEqualByComparingTo("1080.00");
        assertThat(snapshot.seller().legalName()).isEqualTo("Atelier Facteur SAS");

        RecordingInbox.Accepted accepted = inbox.stored().get(0);
        assertThat(accepted.dossier()).isEqualTo(DOSSIER);
        assertThat(accepted.source().channel()).isEqualTo("invoicing");
        assertThat(accepted.source().detail()).isEqualTo("F2026-00001");
        assertThat(accepted.document().mediaType()).isEqualTo("application/pdf");
        assertThat(new String(accepted.document().content(), 0, 5, "US-ASCII")).isEqualTo("%PDF-");
    }

    @Test
    void theCompanyLanguageRuleAppliesToDraftsWithoutLanguage() throws Exception {
        issuing =
                new Issuing(
                        database,
                        inbox,
                        embedder,
                        clock,
                        LanguageRule.company("en"),
                        Duration.ZERO);
        String id = documents.create(DOSSIER, draft(SampleDrafts.germanBuyer())).id();

        issue(id);

        assertThat(documents.find(DOSSIER, id).orElseThrow().issued().language()).isEqualTo("en");
    }

    @Test
    void aFailureBeforeTheCommitTakesNoNumber() throws Exception {
        String first = newDraft();
        issuing.hooks(
                new Issuing.Hooks() {
                    @Override
                    public void beforeCommit(String number) throws SQLException {
                        throw new SQLException("disk full while writing " + number);
                    }
                });

        assertThatThrownBy(() -> issue(first)).isInstanceOf(SQLException.class);
        StoredDocument stored = documents.find(DOSSIER, first).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.DRAFT);
        assertThat(stored.number()).isNull();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(inbox.calls()).isEmpty();

        issuing.hooks(new Issuing.Hooks() {});
        assertThat(issue(first).number()).isEqualTo("F2026-00001");
    }

    @Test
    void aCrashAfterTheCommitIsSubmittedLaterWithTheSameNumber() throws Exception {
        String id = newDraft();
        issuing.hooks(
                new Issuing.Hooks() {
                    @Override
                    public void afterCommit(String number) {
                        throw new IllegalStateException("the node dies");
                    }
                });

        assertThatThrownBy(() -> issue(id)).hasMessage("the node dies");
        StoredDocument stored = documents.find(DOSSIER, id).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.ISSUED);
        assertThat(stored.number()).isEqualTo("F2026-00001");
        assertThat(inbox.calls()).isEmpty();

        Issuing restarted = issuing(); // the node starts again
        assertThat(restarted.resubmitPending()).isEqualTo(1);

        StoredDocument submitted = documents.find(DOSSIER, id).orElseThrow();
        assertThat(submitted.state()).isEqualTo(State.SUBMITTED);
        assertThat(submitted.number()).isEqualTo("F2026-00001");
        assertThat(inbox.stored()).hasSize(1);
        assertThat(inbox.stored().get(0).source().detail()).isEqualTo("F2026-00001");
        assertThat(submitted.inboxDocumentId()).isEqualTo(inbox.stored().get(0).id());
        assertThat(restarted.resubmitPending()).isZero();
        assertThat(restarted.issue(DOSSIER, newDraft(), Locale.ENGLISH).number())
                .isEqualTo("F2026-00002");
    }

    @Test
    void aSubmissionRepeatedAfterALostAnswerIsTheSameDocumentToTheInbox() throws Exception {
        String id = newDraft();
        inbox.mode(RecordingInbox.Mode.FAILING_AFTER_STORING);

        Issuing.Issued issued = issue(id);

        assertThat(issued.number()).isEqualTo("F2026-00001");
        assertThat(issued.inboxDocumentId()).isNull();
        assertThat(documents.find(DOSSIER, id).orElseThrow().state()).isEqualTo(State.ISSUED);

        clock.set(ZonedDateTime.of(2026, 3, 13, 9, 0, 0, 0, TestClock.PARIS)); // a day later
        inbox.mode(RecordingInbox.Mode.WORKING);
        assertThat(issuing.resubmitPending()).isEqualTo(1);

        assertThat(inbox.calls()).hasSize(2);
        assertThat(inbox.calls().get(1).document().content())
                .isEqualTo(inbox.calls().get(0).document().content());
        assertThat(inbox.stored()).hasSize(1);
        assertThat(documents.find(DOSSIER, id).orElseThrow().state()).isEqualTo(State.SUBMITTED);
    }

    @Test
    void anInboxThatRefusesLeavesTheInvoiceIssuedUntilItAccepts() throws Exception {
        inbox.mode(RecordingInbox.Mode.REFUSING);
        String id = newDraft();

        assertThat(issue(id).inboxDocumentId()).isNull();
        assertThat(issuing.resubmitPending()).isZero();
        assertThat(documents.find(DOSSIER, id).orElseThrow().state()).isEqualTo(State.ISSUED);

        inbox.mode(RecordingInbox.Mode.WORKING);
        assertThat(issuing.resubmitPending()).isEqualTo(1);
        assertThat(documents.find(DOSSIER, id).orElseThrow().state()).isEqualTo(State.SUBMITTED);
    }

    @Test
    void resubmissionWaitsForTheGracePeriod() throws Exception {
        Issuing patient =
                new Issuing(
                        database,
                        inbox,
                        embedder,
                        clock,
                        LanguageRule.customerOr("fr"),
                        Duration.ofMinutes(2));
        inbox.mode(RecordingInbox.Mode.REFUSING);
        patient.issue(DOSSIER, newDraft(), Locale.ENGLISH);
        inbox.mode(RecordingInbox.Mode.WORKING);

        assertThat(patient.resubmitPending()).isZero(); // the issuing thread may be submitting
        clock.set(ZonedDateTime.of(2026, 3, 12, 10, 3, 0, 0, TestClock.PARIS));
        assertThat(patient.resubmitPending()).isEqualTo(1);
    }

    @Test
    void aDraftTheCheckRefusesTakesNoNumberAndGivesTheProblems() throws Exception {
        Draft good = draft(SampleDrafts.frenchBuyer());
        Draft noLines =
                new Draft(
                        false,
                        "EUR",
                        null,
                        null,
                        "",
                        good.buyer(),
                        List.of(),
                        List.of(),
                        List.of(),
                        "",
                        "30",
                        "",
                        "",
                        null,
                        null,
                        null);
        String bad = documents.create(DOSSIER, noLines).id();

        assertThatThrownBy(() -> issue(bad))
                .isInstanceOfSatisfying(
                        ProblemsException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(FieldProblem::field)
                                        .contains("/lines"));
        assertThat(documents.find(DOSSIER, bad).orElseThrow().state()).isEqualTo(State.DRAFT);

        assertThat(issue(newDraft()).number()).isEqualTo("F2026-00001");
    }

    @Test
    void aDueDateBeforeTheDayOfIssuingIsAProblem() throws Exception {
        Draft late = withDates(draft(SampleDrafts.frenchBuyer()), null, LocalDate.of(2026, 3, 1));
        String id = documents.create(DOSSIER, late).id();

        assertThatThrownBy(() -> issue(id))
                .isInstanceOfSatisfying(
                        ProblemsException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(FieldProblem::field)
                                        .containsExactly("/dueDate"));
    }

    @Test
    void aDossierWithoutSellerProfileCannotIssue() throws Exception {
        String id = documents.create("dossier-2", draft(SampleDrafts.frenchBuyer())).id();

        assertThatThrownBy(() -> issuing.issue("dossier-2", id, Locale.FRENCH))
                .isInstanceOfSatisfying(
                        ProblemsException.class,
                        e -> {
                            assertThat(e.problems())
                                    .extracting(FieldProblem::field)
                                    .containsExactly("/seller");
                            assertThat(e.problems().get(0).message()).contains("profil");
                        });
    }

    @Test
    void theSequenceRestartsWithEachYearWhenAsked() throws Exception {
        clock.set(ZonedDateTime.of(2026, 12, 31, 23, 30, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("F2026-00001");
        assertThat(issue(newDraft()).number()).isEqualTo("F2026-00002");
        clock.set(ZonedDateTime.of(2027, 1, 1, 0, 10, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("F2027-00001");
        assertThat(issue(newDraft()).number()).isEqualTo("F2027-00002");
    }

    @Test
    void theSequenceGoesOnAcrossYearsWhenNotAskedToRestart() throws Exception {
        new Sequences(database, clock)
                .configure(DOSSIER, "FA-{yy}{mm}-{seq:4}", false, null, Locale.ENGLISH);
        clock.set(ZonedDateTime.of(2026, 12, 31, 12, 0, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("FA-2612-0001");
        clock.set(ZonedDateTime.of(2027, 1, 4, 12, 0, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("FA-2701-0002");
    }

    @Test
    void aSequenceWithoutYearNeverRestarts() throws Exception {
        new Sequences(database, clock).configure(DOSSIER, "INV-{seq}", true, null, Locale.ENGLISH);
        clock.set(ZonedDateTime.of(2026, 12, 31, 12, 0, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("INV-1");
        clock.set(ZonedDateTime.of(2027, 1, 4, 12, 0, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).number()).isEqualTo("INV-2");
    }

    @Test
    void anIssueDateNeverGoesBackWhenAClockDoes() throws Exception {
        clock.set(ZonedDateTime.of(2026, 3, 13, 0, 5, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).issueDate()).isEqualTo(LocalDate.of(2026, 3, 13));
        // another node, its clock ten minutes late
        clock.set(ZonedDateTime.of(2026, 3, 12, 23, 55, 0, 0, TestClock.PARIS));
        assertThat(issue(newDraft()).issueDate()).isEqualTo(LocalDate.of(2026, 3, 13));
    }

    @Test
    void aDraftChangedSinceTheUserSawItIsNotIssued() throws Exception {
        StoredDocument created = documents.create(DOSSIER, draft(SampleDrafts.frenchBuyer()));
        documents.update(DOSSIER, created.id(), 1, draft(SampleDrafts.germanBuyer()));

        assertThatThrownBy(() -> issuing.issue(DOSSIER, created.id(), 1L, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
        assertThat(issuing.issue(DOSSIER, created.id(), 2L, Locale.ENGLISH).number())
                .isEqualTo("F2026-00001");
    }

    @Test
    void anIssuedInvoiceCannotBeChangedDeletedOrIssuedAgain() throws Exception {
        String id = newDraft();
        issue(id);
        StoredDocument issued = documents.find(DOSSIER, id).orElseThrow();

        assertThatThrownBy(
                        () ->
                                documents.update(
                                        DOSSIER,
                                        id,
                                        issued.version(),
                                        draft(SampleDrafts.germanBuyer())))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ISSUED));
        assertThatThrownBy(() -> documents.delete(DOSSIER, id, issued.version()))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ISSUED));
        assertThatThrownBy(() -> issue(id))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ISSUED));

        StoredDocument after = documents.find(DOSSIER, id).orElseThrow();
        assertThat(after.version()).isEqualTo(issued.version());
        assertThat(Json.write(after.issued())).isEqualTo(Json.write(issued.issued()));
        assertThat(issue(newDraft()).number()).isEqualTo("F2026-00002");
    }

    @Test
    void aMissingDraftIsNotFound() {
        assertThatThrownBy(() -> issue("no-such-id"))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void theTablesAreCreatedOnce() throws SQLException {
        String id = newDraft();

        new InvoicingDatabase(derby.dataSource()); // a second activation

        assertThat(documents.find(DOSSIER, id)).isPresent();
    }

    static Draft withDates(Draft d, LocalDate issueDate, LocalDate dueDate) {
        return new Draft(
                d.creditNote(),
                d.currency(),
                issueDate,
                dueDate,
                d.language(),
                d.buyer(),
                d.lines(),
                d.adjustments(),
                d.notes(),
                d.paymentTermsText(),
                d.paymentMeansCode(),
                d.purchaseOrder(),
                d.precedingInvoice(),
                d.precedingInvoiceDate(),
                d.exemptionReasons(),
                null);
    }
}
