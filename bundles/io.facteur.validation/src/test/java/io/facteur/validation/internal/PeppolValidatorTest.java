package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phive.peppol.PeppolValidation2026_05;
import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus has no document that declares Peppol BIS in BT-24 (its UBL business cases name the
 * Peppol process in BT-23 and declare XRechnung in BT-24): the Peppol documents are variants of
 * them, made here, with BT-24 set to Peppol BIS Billing 3.0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeppolValidatorTest {

    static final String PEPPOL_BIS =
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

    /** The business cases whose data Peppol's own rules refuse, with the rules they break. */
    private static final Map<String, Set<String>> PEPPOL_BREACHES =
            Map.of(
                    // invoice type code 326 (partial invoice) is not in Peppol's list
                    "01.20a-INVOICE_ubl.xml", Set.of("PEPPOL-EN16931-P0100"),
                    // the seller's identifiers are declared GLN (0088) with a wrong check digit
                    "03.07a-INVOICE_ubl.xml", Set.of("PEPPOL-COMMON-R040"));

    private static final Pattern CUSTOMIZATION_ID =
            Pattern.compile("<cbc:CustomizationID>([^<]*)</cbc:CustomizationID>");

    private final RuleLibrary library = new RuleLibrary();
    private final PeppolValidator validator = new PeppolValidator(library);

    static Stream<Path> ublBusinessCases() {
        return Corpus.files("ubl").stream()
                .filter(p -> p.getFileName().toString().endsWith("_ubl.xml"));
    }

    static Stream<Path> corpusDeclaringThePeppolProcess() {
        return Corpus.files("ubl").stream()
                .filter(p -> text(Corpus.document(p)).contains("urn:fdc:peppol.eu:2017:poacc"));
    }

    @ParameterizedTest
    @MethodSource("corpusDeclaringThePeppolProcess")
    void peppolProcessInBt23AloneDoesNotMakeAPeppolBisDocument(Path file) {
        Matcher declared = CUSTOMIZATION_ID.matcher(text(Corpus.document(file)));
        assertThat(declared.find()).isTrue();
        String bt24 = declared.group(1);

        assertThat(bt24).contains("xrechnung");
        assertThat(validator.appliesTo(new Syntax("UBL", bt24))).isFalse();
        assertThat(validator.validate(Corpus.document(file), null).findings())
                .extracting(Finding::rule)
                .containsExactly(PhiveValidator.UNREADABLE_RULE);
    }

    @ParameterizedTest
    @MethodSource("ublBusinessCases")
    void businessCasesAsPeppolBisHaveOnlyTheirOwnPeppolErrors(Path file) {
        Document peppol = asPeppolBis(Corpus.document(file), true);

        ValidationReport report = validator.validate(peppol, null);

        assertThat(report.ruleSet()).isEqualTo("Peppol-BIS-Billing-UBL 2026.5");
        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .containsOnlyElementsOf(
                        PEPPOL_BREACHES.getOrDefault(file.getFileName().toString(), Set.of()));
        if (PEPPOL_BREACHES.containsKey(file.getFileName().toString())) {
            assertThat(En16931ValidatorTest.errors(report)).isNotEmpty();
        }
    }

    @Test
    void emailEndpointsAreRefusedByPeppolOnly() {
        // XRechnung accepts e-mail addresses (EAS "EM") as electronic addresses, Peppol does not
        Document peppol = asPeppolBis(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml"), false);

        ValidationReport report = validator.validate(peppol, null);

        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .containsExactly("PEPPOL-EN16931-CL008", "PEPPOL-EN16931-CL008");
        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.location()).contains("EndpointID"));
    }

    @Test
    void missingSellerEndpointBreaksPeppolRuleR020() {
        String xml = text(asPeppolBis(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml"), true));
        String withoutSellerEndpoint =
                xml.replaceFirst("<cbc:EndpointID schemeID=\"9930\">[^<]*</cbc:EndpointID>", "");

        ValidationReport report = validator.validate(xmlDocument(withoutSellerEndpoint), null);

        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .containsExactly("PEPPOL-EN16931-R020");
        assertThat(En16931ValidatorTest.errors(report).get(0).location())
                .contains("AccountingSupplierParty");
    }

    @Test
    void alteredTotalIsLeftToTheEn16931Report() {
        String xml = text(asPeppolBis(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml"), true));
        String broken =
                xml.replaceFirst(
                        "(<cbc:PayableAmount currencyID=\"EUR\">)[^<]+(<)", "$1999999.99$2");

        ValidationReport report = validator.validate(xmlDocument(broken), null);

        assertThat(report.findings()).noneMatch(f -> f.rule().startsWith("BR-"));
        assertThat(En16931ValidatorTest.errors(report)).isEmpty();
    }

    @Test
    void creditNoteGetsTheCreditNoteRules() {
        String xml = text(Corpus.document("ubl", "UBL-CreditNote-2.1-Example.ubl.xml"));
        String peppol =
                xml.replaceFirst(
                                "(<cbc:UBLVersionID>2.1</cbc:UBLVersionID>)",
                                "$1<cbc:CustomizationID>" + PEPPOL_BIS + "</cbc:CustomizationID>")
                        .replace("schemeID=\"GLN\" schemeAgencyID=\"9\"", "schemeID=\"0088\"");

        ValidationReport report = validator.validate(xmlDocument(peppol), null);

        assertThat(report.ruleSet()).isEqualTo("Peppol-BIS-Billing-UBL-CreditNote 2026.5");
        // the sample's GLNs 1234567890123 and 1234567987654 have wrong check digits
        assertThat(En16931ValidatorTest.errors(report))
                .extracting(Finding::rule)
                .contains("PEPPOL-COMMON-R040", "PEPPOL-EN16931-R001");
    }

    @Test
    void beforeTheValidityOf2026_5TheRelease2025_11Applies() {
        Instant before = PeppolValidation2026_05.VALID_PER_UTC.toInstant().minusSeconds(1);
        PeppolValidator earlier = new PeppolValidator(library, Clock.fixed(before, ZoneOffset.UTC));
        Document peppol = asPeppolBis(Corpus.document("ubl", "01.01a-INVOICE_ubl.xml"), true);

        ValidationReport report = earlier.validate(peppol, null);

        assertThat(report.ruleSet()).isEqualTo("Peppol-BIS-Billing-UBL 2025.11");
        assertThat(En16931ValidatorTest.errors(report)).isEmpty();
    }

    @Test
    void rulesAreCompiledOnceAndReused() {
        Document peppol = asPeppolBis(Corpus.document("ubl", "01.02a-INVOICE_ubl.xml"), true);
        RuleLibrary fresh = new RuleLibrary();
        PeppolValidator first = new PeppolValidator(fresh);

        first.validate(peppol, null);
        var executors = fresh.executorSet(PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3);
        new PeppolValidator(fresh).validate(peppol, null);

        assertThat(fresh.compilations()).isEqualTo(1);
        assertThat(fresh.executorSet(PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3))
                .isSameAs(executors);
    }

    @Test
    void appliesOnlyToUblDeclaringPeppolBisBilling() {
        assertThat(validator.appliesTo(new Syntax("UBL", PEPPOL_BIS))).isTrue();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "UBL",
                                        PEPPOL_BIS
                                                + "#conformant#urn:fdc:anskaffelser.no:2019:ehf:spec:3.0")))
                .isTrue();
        assertThat(validator.appliesTo(new Syntax("CII", PEPPOL_BIS))).isFalse();
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", PEPPOL_BIS))).isFalse();
        assertThat(validator.appliesTo(new Syntax("UBL", "urn:cen.eu:en16931:2017"))).isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "UBL",
                                        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0")))
                .isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "UBL",
                                        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.01")))
                .isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax("UBL", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")))
                .isFalse();
    }

    @Test
    void documentNotDeclaringPeppolBisIsNotCovered() {
        ValidationReport report =
                validator.validate(Corpus.document("cii", "factur-x-en16931.xml"), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.ruleSet()).isEqualTo("Peppol");
    }

    /**
     * The document with BT-24 set to Peppol BIS Billing 3.0; with {@code peppolEndpoints}, its
     * e-mail electronic addresses become German VAT numbers (EAS 9930), which Peppol accepts.
     */
    static Document asPeppolBis(Document ubl, boolean peppolEndpoints) {
        String xml =
                text(ubl).replaceFirst("(<cbc:CustomizationID>)[^<]*(<)", "$1" + PEPPOL_BIS + "$2");
        if (peppolEndpoints) {
            xml =
                    xml.replaceAll(
                            "<cbc:EndpointID schemeID=\"EM\">[^<]*<",
                            "<cbc:EndpointID schemeID=\"9930\">DE123456789<");
        }
        return xmlDocument(xml);
    }

    static Document xmlDocument(String xml) {
        return new Document("variant.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    static String text(Document document) {
        return new String(document.content(), StandardCharsets.UTF_8);
    }
}
