package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phive.france.FranceCTCValidation;
import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No corpus document declares EXTENDED-CTC-FR: the French documents are variants of the XRechnung
 * business cases, made here, with BT-24 set to the EXTENDED-CTC-FR identifier. Their German data
 * meets the French rules that are errors; the warnings the French rules give them (no French notes
 * BT-22, no billing framework BT-23, no SIREN BT-30) are what a German invoice lacks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FranceValidatorTest {

    static final String EXTENDED_CTC_FR =
            "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr";

    private final RuleLibrary library = new RuleLibrary();
    private final FranceValidator validator = new FranceValidator(library);

    static Stream<Path> ublBusinessCases() {
        return PeppolValidatorTest.ublBusinessCases();
    }

    @ParameterizedTest
    @MethodSource("ublBusinessCases")
    void ublBusinessCasesAsExtendedCtcFrHaveNoError(Path file) {
        ValidationReport report = validator.validate(asFrench(Corpus.document(file)), null);

        assertThat(report.ruleSet()).isEqualTo("EXTENDED-CTC-FR-UBL 1.3");
        assertThat(En16931ValidatorTest.errors(report)).isEmpty();
        assertThat(report.findings())
                .extracting(Finding::rule)
                .contains("BR-FR-10_BT-30")
                .allMatch(rule -> rule.startsWith("BR-FR"));
    }

    @Test
    void ciiBusinessCaseAsExtendedCtcFrHasNoError() {
        Document cii = Corpus.document("cii", "01.01a-INVOICE_uncefact.xml");

        ValidationReport report = validator.validate(asFrench(cii), null);

        assertThat(report.ruleSet()).isEqualTo("EXTENDED-CTC-FR-CII 1.3");
        assertThat(En16931ValidatorTest.errors(report)).isEmpty();
        assertThat(report.findings())
                .extracting(Finding::rule)
                .contains("BR-FR-08_BT-23", "BR-FR-10_BT-30");
    }

    @Test
    void selfBilledTypeUnderAMultiVendorFrameworkBreaksBrFrMv13() {
        String xml =
                PeppolValidatorTest.text(
                        asFrench(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml")));
        // BT-23 "S8" (services, multi-vendor framework) forbids the self-billed type code 389
        String broken =
                xml.replaceFirst("(<cbc:ProfileID>)[^<]*(<)", "$1S8$2")
                        .replaceFirst("(<cbc:InvoiceTypeCode>)[^<]*(<)", "$1389$2");

        ValidationReport report = validator.validate(PeppolValidatorTest.xmlDocument(broken), null);

        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .contains("BR-FR-MV-13_BT-3");
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("BR-FR-MV-13_BT-3"))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).contains("InvoiceTypeCode"));
    }

    @Test
    void extendedCtcFrRuleBreachInCiiIsAnError() {
        // 03.06a has a VAT breakdown of category Z whose conditions EXTENDED-CTC-FR restricts
        ValidationReport report =
                validator.validate(
                        asFrench(Corpus.document("cii", "03.06a-INVOICE_uncefact.xml")), null);

        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .containsExactly("BR-FREXT-Z-08");
    }

    @Test
    void restatedEn16931RulesAreLeftToTheEn16931Report() {
        String xml =
                PeppolValidatorTest.text(
                        asFrench(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml")));
        String broken =
                xml.replaceFirst(
                        "(<cbc:PayableAmount currencyID=\"EUR\">)[^<]+(<)", "$1999999.99$2");
        Document document = PeppolValidatorTest.xmlDocument(broken);

        ValidationReport french = validator.validate(document, null);
        ValidationReport en16931 = new En16931Validator(library).validate(document, null);

        assertThat(En16931ValidatorTest.errors(en16931))
                .extracting(Finding::rule)
                .contains("BR-CO-16");
        assertThat(french.findings()).noneMatch(f -> f.rule().equals("BR-CO-16"));
        assertThat(french.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void rulesAreCompiledOnceAndReused() {
        Document french = asFrench(Corpus.document("cii", "01.02a-INVOICE_uncefact.xml"));
        RuleLibrary fresh = new RuleLibrary();

        new FranceValidator(fresh).validate(french, null);
        var executors = fresh.executorSet(FranceCTCValidation.VID_FR_EXTENDED_CTC_CII_1_3_0);
        new FranceValidator(fresh).validate(french, null);

        assertThat(fresh.compilations()).isEqualTo(1);
        assertThat(fresh.executorSet(FranceCTCValidation.VID_FR_EXTENDED_CTC_CII_1_3_0))
                .isSameAs(executors);
    }

    @Test
    void appliesOnlyWhenBt24DeclaresExtendedCtcFr() {
        assertThat(validator.appliesTo(new Syntax("CII", EXTENDED_CTC_FR))).isTrue();
        assertThat(validator.appliesTo(new Syntax("UBL", EXTENDED_CTC_FR))).isTrue();
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", EXTENDED_CTC_FR))).isTrue();
        assertThat(validator.appliesTo(new Syntax("ZUGFERD_1", EXTENDED_CTC_FR))).isFalse();
        assertThat(validator.appliesTo(new Syntax("CII", "urn:cen.eu:en16931:2017"))).isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "FACTUR_X",
                                        "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended")))
                .isFalse();
        assertThat(validator.appliesTo(new Syntax("CII", EXTENDED_CTC_FR + "-bis"))).isFalse();
        assertThat(validator.appliesTo(new Syntax("CII", "urn.cpro.gouv.fr:1p0:ereporting")))
                .isFalse();
    }

    @Test
    void documentNotDeclaringExtendedCtcFrIsNotCovered() {
        ValidationReport report =
                validator.validate(Corpus.document("cii", "factur-x-extended.xml"), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.ruleSet()).isEqualTo("France-CTC");
    }

    /**
     * The document with its BT-24 (UBL CustomizationID or CII guideline) set to EXTENDED-CTC-FR.
     */
    static Document asFrench(Document document) {
        String xml =
                PeppolValidatorTest.text(document)
                        .replaceFirst(
                                "(<cbc:CustomizationID>)[^<]*(<)", "$1" + EXTENDED_CTC_FR + "$2")
                        .replaceFirst(
                                "(<ram:GuidelineSpecifiedDocumentContextParameter>\\s*<ram:ID>)[^<]*(<)",
                                "$1" + EXTENDED_CTC_FR + "$2");
        return PeppolValidatorTest.xmlDocument(xml);
    }
}
