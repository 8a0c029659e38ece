package io.facteur.duplicates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.DuplicateCheck.DuplicateVerdict;
import io.facteur.api.DuplicateCheck.Field;
import io.facteur.api.DuplicateCheck.Match;
import io.facteur.api.DuplicateCheck.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DuplicateRulesTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private static final String DOSSIER = "acme";
    private final Invoices cii = Invoices.twin0101a();
    private IndexedDuplicateCheck check;

    @BeforeEach
    void setUp() throws Exception {
        check = new IndexedDuplicateCheck(derby.dataSource(), 3, 10);
    }

    private DuplicateVerdict check(String id, Invoices invoice) {
        return check.check(DOSSIER, id, invoice.invoice());
    }

    @Test
    void corpusTwinsFromCiiAndUblAreDuplicates() {
        // 01.01a as the UBL reader gives it: VAT id without the space, 336.9 without its zero
        Invoices ubl = cii.seller("DE123456789", "", "[Seller name]").payable("336.9");
        assertThat(check("cii", cii).outcome()).isEqualTo(Outcome.NONE);

        DuplicateVerdict verdict = check("ubl", ubl);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(verdict.ofDocumentId()).isEqualTo("cii");
        assertThat(verdict.matches())
                .containsExactly(
                        new Match(
                                "cii",
                                Outcome.DUPLICATE,
                                java.util.List.of(
                                        Field.SELLER,
                                        Field.NUMBER,
                                        Field.TYPE,
                                        Field.ISSUE_DATE,
                                        Field.PAYABLE_AMOUNT)));
        assertThat(verdict.reason())
                .isEqualTo("duplicate of cii (same seller, number, type, issue date, amount due)");
    }

    @Test
    void anotherIssueDateIsSuspected() {
        check("a", cii);
        DuplicateVerdict verdict = check("b", cii.issueDate(LocalDate.of(2016, 4, 5)));
        assertThat(verdict.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(verdict.matches().get(0).fields())
                .containsExactly(Field.SELLER, Field.NUMBER, Field.TYPE, Field.PAYABLE_AMOUNT);
    }

    @Test
    void anotherAmountIsSuspected() {
        check("a", cii);
        DuplicateVerdict verdict = check("b", cii.payable("336.91"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(verdict.matches().get(0).fields())
                .containsExactly(Field.SELLER, Field.NUMBER, Field.TYPE, Field.ISSUE_DATE);
    }

    @Test
    void anotherCurrencyIsAnotherAmount() {
        check("a", cii);
        DuplicateVerdict verdict = check("b", cii.currency("CHF"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(verdict.matches().get(0).fields()).doesNotContain(Field.PAYABLE_AMOUNT);
    }

    @Test
    void anotherNumberWithSameDateAndAmountIsSuspected() {
        check("a", cii);
        DuplicateVerdict verdict = check("b", cii.number("123457XX"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(verdict.matches().get(0).fields())
                .containsExactly(Field.SELLER, Field.TYPE, Field.ISSUE_DATE, Field.PAYABLE_AMOUNT);
    }

    @Test
    void anotherNumberIsSuspectedWithinTheWindowOnly() {
        check("a", cii);
        DuplicateVerdict inside =
                check("b", cii.number("X-2").issueDate(cii.issueDate().plusDays(3)));
        DuplicateVerdict outside =
                check("c", cii.number("X-3").issueDate(cii.issueDate().minusDays(4)));

        assertThat(inside.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(inside.ofDocumentId()).isEqualTo("a");
        assertThat(inside.matches().get(0).fields()).doesNotContain(Field.ISSUE_DATE);
        assertThat(outside.outcome()).isEqualTo(Outcome.NONE);
    }

    @Test
    void anotherNumberAndAnotherAmountIsNone() {
        check("a", cii);
        assertThat(check("b", cii.number("123457XX").payable("10")).outcome())
                .isEqualTo(Outcome.NONE);
    }

    @Test
    void anotherSellerIsNone() {
        check("a", cii);
        assertThat(check("b", cii.seller("DE 999999999", "", "[Seller name]")).outcome())
                .isEqualTo(Outcome.NONE);
    }

    @Test
    void theVatIdOutranksTheName() {
        check("a", cii.seller("FR11111111111", "", "Acme"));
        assertThat(check("b", cii.seller("FR22222222222", "", "Acme")).outcome())
                .isEqualTo(Outcome.NONE);
    }

    @Test
    void withoutVatIdTheLegalIdThenTheNameIdentifyTheSeller() {
        check("a", cii.seller("", "RCS 123.456.789", "Acme"));
        check("c", cii.seller("", "", "ACME S.A."));

        DuplicateVerdict byLegalId = check("b", cii.seller("", "rcs123456789", "Other name"));
        DuplicateVerdict byName = check("d", cii.seller("", "", "Acme SA"));

        assertThat(byLegalId.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(byLegalId.ofDocumentId()).isEqualTo("a");
        assertThat(byName.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(byName.ofDocumentId()).isEqualTo("c");
    }

    @Test
    void numbersCompareWithoutCaseSpacesDashesDotsAndSlashesButWithLeadingZeros() {
        check("a", cii.number("INV-2024/001"));

        DuplicateVerdict same = check("b", cii.number(" inv 2024.001 "));
        DuplicateVerdict padded = check("c", cii.number("INV-2024/01").payable("1"));

        assertThat(same.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(padded.outcome()).isEqualTo(Outcome.NONE);
    }

    @Test
    void aCreditNoteNeverDuplicatesAnInvoice() {
        check("invoice", cii);
        DuplicateVerdict creditNote = check("credit", cii.typeCode("381"));
        DuplicateVerdict secondCreditNote = check("credit2", cii.typeCode("381"));
        DuplicateVerdict renumberedCreditNote = check("credit3", cii.typeCode("396").number("Z"));

        assertThat(creditNote.outcome()).isEqualTo(Outcome.NONE);
        assertThat(secondCreditNote.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(secondCreditNote.ofDocumentId()).isEqualTo("credit");
        assertThat(renumberedCreditNote.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(renumberedCreditNote.matches())
                .extracting(Match::documentId)
                .containsExactly("credit", "credit2");
    }

    @Test
    void anInvoiceTypeOtherThanACreditNoteIsAnInvoice() {
        check("a", cii);
        assertThat(check("b", cii.typeCode("389")).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void anotherDossierNeverMatches() {
        check.check("one", "a", cii.invoice());
        assertThat(check.check("two", "b", cii.invoice()).outcome()).isEqualTo(Outcome.NONE);
        assertThat(check.check("one", "c", cii.invoice()).ofDocumentId()).isEqualTo("a");
    }

    @Test
    void checkingAgainGivesTheSameVerdictAndKeepsOneRow() throws Exception {
        DuplicateVerdict firstA = check("a", cii);
        DuplicateVerdict firstB = check("b", cii);

        assertThat(check("a", cii)).isEqualTo(firstA);
        assertThat(check("b", cii)).isEqualTo(firstB);
        assertThat(firstA.outcome()).isEqualTo(Outcome.NONE);
        assertThat(firstB.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aForgottenDocumentIsNoLongerMatched() throws Exception {
        check("a", cii);
        check("b", cii);
        check.forget(DOSSIER, "a");
        check.forget(DOSSIER, "never-checked");

        DuplicateVerdict verdict = check("c", cii);

        assertThat(verdict.matches()).extracting(Match::documentId).containsExactly("b");
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void duplicatesComeBeforeSuspectsAndTheirNumberIsBounded() throws Exception {
        IndexedDuplicateCheck few = new IndexedDuplicateCheck(derby.dataSource(), 3, 2);
        for (int i = 0; i < 4; i++) {
            few.check(DOSSIER, "s" + i, cii.number("other-" + i).invoice());
        }
        few.check(DOSSIER, "same", cii.invoice());

        DuplicateVerdict verdict = few.check(DOSSIER, "last", cii.invoice());

        assertThat(verdict.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(verdict.matches())
                .extracting(Match::documentId, Match::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("same", Outcome.DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple("s0", Outcome.SUSPECTED));
        assertThat(verdict.reason()).endsWith("(and 1 more)");
    }

    @Test
    void anInvoiceWithoutSellerOrNumberIsNotComparedNorRecorded() throws Exception {
        DuplicateVerdict noSeller = check("a", cii.seller("", "", " . "));
        DuplicateVerdict noNumber = check("b", cii.number("-/-"));

        assertThat(noSeller.outcome()).isEqualTo(Outcome.NONE);
        assertThat(noSeller.reason()).startsWith("Not compared");
        assertThat(noNumber.reason()).startsWith("Not compared");
        assertThat(rows()).isZero();
    }

    @Test
    void hostileValuesAreBoundedNotFatal() throws Exception {
        String huge = "N".repeat(100_000);
        check("a", cii.number(huge).payable("1.0000000001"));

        DuplicateVerdict sameHugeNumber = check("b", cii.number(huge).payable("1.0000000001"));
        DuplicateVerdict otherHugeNumber = check("c", cii.number(huge + "M"));

        // the number matches (stored as its hash), the amount is beyond the column: not compared
        assertThat(sameHugeNumber.outcome()).isEqualTo(Outcome.SUSPECTED);
        assertThat(sameHugeNumber.matches().get(0).fields()).contains(Field.NUMBER);
        assertThat(otherHugeNumber.matches())
                .extracting(Match::documentId)
                .doesNotContain("a", "b");
        assertThat(check("d", cii.issueDate(LocalDate.of(99999, 1, 1))).reason())
                .startsWith("Not compared");
        assertThatThrownBy(() -> check.check(DOSSIER, "x".repeat(129), cii.invoice()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> check.check("", "x", cii.invoice()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofTwinsCheckedAtOnceOnlyTheFirstIsNotADuplicate() throws Exception {
        int copies = 8;
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(copies);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<DuplicateVerdict>> verdicts =
                    new java.util.ArrayList<>();
            for (int i = 0; i < copies; i++) {
                String id = "copy-" + i;
                verdicts.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return check(id, cii);
                                }));
            }
            start.countDown();
            java.util.List<Outcome> outcomes = new java.util.ArrayList<>();
            for (var v : verdicts) {
                outcomes.add(v.get(30, java.util.concurrent.TimeUnit.SECONDS).outcome());
            }
            assertThat(outcomes).containsOnlyOnce(Outcome.NONE);
            assertThat(outcomes).filteredOn(o -> o == Outcome.DUPLICATE).hasSize(copies - 1);
            assertThat(rows()).isEqualTo(copies);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTableIsCreatedOnceAndKeptAcrossActivations() throws Exception {
        check("a", cii);
        IndexedDuplicateCheck again = new IndexedDuplicateCheck(derby.dataSource(), 3, 10);
        assertThat(again.check(DOSSIER, "b", cii.invoice()).ofDocumentId()).isEqualTo("a");
    }

    private int rows() throws Exception {
        try (Connection c = derby.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + DuplicateIndex.TABLE)) {
            r.next();
            return r.getInt(1);
        }
    }
}
