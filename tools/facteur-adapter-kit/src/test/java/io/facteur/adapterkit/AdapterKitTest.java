package io.facteur.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.ReceiverAdapter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The kit's verdicts, on adapters whose behaviour is known. */
class AdapterKitTest {

    private static final Path UBL_01 = SharedCorpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml");
    private static final Path CII_01 =
            SharedCorpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml");

    @Test
    void anAdapterThatChangesNothingIsConformOnTheWholeCorpusButWhatUblCannotCarry() {
        KitReport report =
                AdapterKit.of(TestAdapters.editing("UBL", Set.of(), UnaryOperator.identity()))
                        .withValidation(ValidationStep.none())
                        .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));

        // the two CII files without lines UBL cannot carry (the UBL writer says why)
        assertThat(report.with(Outcome.REFUSED))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrder("facturFrMinimum.xml", "factur-x-basicwl.xml");
        assertThat(report.with(Outcome.REFUSED))
                .allMatch(r -> r.reason().contains("no invoice line (BG-25)"));
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(report.results().size() - 2);
        assertThat(report.results().size() + report.ignored().size()).isEqualTo(82);
        report.assertConformOrRefused();
    }

    @Test
    void aSourceThatBreaksItsOwnRulesIsRefusedByTheGateWithThoseRulesNamed() {
        Path broken = SharedCorpus.folder("cii").resolve("lastschrift_iban_bug.xml");
        ReceiverAdapter identity = TestAdapters.editing("CII", Set.of(), UnaryOperator.identity());

        FileResult gated = AdapterKit.of(identity).check(broken);
        FileResult unchecked =
                AdapterKit.of(identity).withValidation(ValidationStep.none()).check(broken);

        assertThat(gated.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(gated.reason()).startsWith("the source itself breaks rules of [EN16931-CII");
        assertThat(gated.errorRules()).contains("BR-FX-EN-04");
        assertThat(unchecked.outcome()).isEqualTo(Outcome.CONFORM);
        assertThat(AdapterKit.of(identity).check(CII_01).outcome()).isEqualTo(Outcome.CONFORM);
    }

    @Test
    void aTargetNoWriterReachesFromTheSourceIsReachedThroughAnotherSyntax() {
        // UBL to Factur-X: the UBL is written as CII, then the CII as Factur-X, as in the core
        FileResult result =
                AdapterKit.of(TestAdapters.passing("FACTUR_X"))
                        .withValidation(ValidationStep.none())
                        .check(UBL_01);

        assertThat(result.outcome()).as(result.toString()).isEqualTo(Outcome.CONFORM);
    }

    @Test
    void aChangeTheSemanticRecordDoesNotCarryIsFalsifiedByTheXmlComparison() {
        // the seller's contact phone (BT-42) and a note (BT-22): no business term of the record
        FileResult phone =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of("BT-10"),
                                        xml ->
                                                xml.replaceFirst(
                                                        "<cbc:Telephone>", "<cbc:Telephone>00")))
                        .withValidation(ValidationStep.none())
                        .check(UBL_01);
        FileResult buyerReference =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of("BT-10"),
                                        xml ->
                                                xml.replaceFirst(
                                                        "<cbc:BuyerReference>([^<]*)<",
                                                        "<cbc:BuyerReference>991-1<")))
                        .withValidation(ValidationStep.none())
                        .check(UBL_01);

        assertThat(phone.outcome()).isEqualTo(Outcome.FALSIFIED);
        assertThat(phone.differences()).isEmpty();
        assertThat(phone.reason())
                .startsWith("XML changed outside the places of [BT-10]")
                .contains("/Contact[1]/Telephone[1]: '");
        assertThat(buyerReference.outcome())
                .as(buyerReference.toString())
                .isEqualTo(Outcome.CONFORM);
    }

    @Test
    void aChangedInvoiceNumberIsFalsified() {
        FileResult result =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of("BT-10"),
                                        xml ->
                                                xml.replace(
                                                        "<cbc:ID>123456XX</cbc:ID>",
                                                        "<cbc:ID>X</cbc:ID>")))
                        .withValidation(ValidationStep.none())
                        .check(UBL_01);

        assertThat(result.outcome()).isEqualTo(Outcome.FALSIFIED);
        assertThat(result.differences()).extracting(d -> d.term()).containsExactly("BT-1");
    }

    @Test
    void aChangeInADeclaredTermIsAllowed() {
        FileResult result =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of("BT-10"),
                                        xml ->
                                                xml.replaceFirst(
                                                        "<cbc:BuyerReference>[^<]*<",
                                                        "<cbc:BuyerReference>04011000-12345-34<")))
                        .check(UBL_01);

        assertThat(result.outcome()).isEqualTo(Outcome.CONFORM);
        assertThat(result.ruleSets()).anyMatch(r -> r.startsWith("EN16931-UBL"));
    }

    @Test
    void anErrorFindingMakesTheResultInvalid() {
        FileResult result =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of("BT-49"),
                                        xml ->
                                                xml.replaceFirst(
                                                        "(<cac:AccountingCustomerParty>\\s*<cac:Party>\\s*<cbc:EndpointID schemeID=\")EM\"",
                                                        "$1ZZZ\"")))
                        .check(UBL_01);

        assertThat(result.outcome()).as(result.toString()).isEqualTo(Outcome.INVALID);
        // the code list rule of electronic address schemes (EAS)
        assertThat(result.errorRules()).contains("BR-CL-25");
    }

    @Test
    void aRefusalWithAReasonIsRefusedAndOneWithoutIsBroken() {
        assertThat(AdapterKit.of(TestAdapters.refusing("BT-10 is missing")).check(CII_01))
                .extracting(FileResult::outcome, FileResult::reason)
                .containsExactly(Outcome.REFUSED, "BT-10 is missing");
        assertThat(AdapterKit.of(TestAdapters.refusing(" ")).check(CII_01).outcome())
                .isEqualTo(Outcome.BROKEN);
    }

    @Test
    void aResultInAnotherSyntaxIsBroken() {
        FileResult result =
                AdapterKit.of(TestAdapters.editing("CII", Set.of(), xml -> "<x/>")).check(CII_01);

        assertThat(result.outcome()).isEqualTo(Outcome.BROKEN);
        assertThat(result.reason()).contains("result is not CII");
    }

    @Test
    void theAssertionNamesEveryFileThatIsNotAsExpected() {
        KitReport report =
                AdapterKit.of(
                                TestAdapters.editing(
                                        "UBL",
                                        Set.of(),
                                        xml ->
                                                xml.replaceFirst(
                                                        "<cbc:PayableAmount currencyID=\"EUR\">",
                                                        "<cbc:PayableAmount currencyID=\"EUR\">1")))
                        .withValidation(ValidationStep.none())
                        .run(SharedCorpus.folder("ubl"));

        assertThat(report.count(Outcome.FALSIFIED)).isPositive();
        assertThatThrownBy(report::assertConformOrRefused)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BT-115");
        assertThatThrownBy(() -> report.assertConformOrRefused(Map.of("nowhere.xml", Set.of("X"))))
                .hasMessageContaining(
                        "nowhere.xml: named as refused by the rules, but not in the corpus");
    }
}
