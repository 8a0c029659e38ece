package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XRechnungValidatorTest {

    private final XRechnungValidator validator = new XRechnungValidator(new RuleLibrary());

    static Stream<Path> xrechnungBusinessCases() {
        return En16931ValidatorTest.xrechnungBusinessCases();
    }

    @ParameterizedTest
    @MethodSource("xrechnungBusinessCases")
    void businessCasesHaveNoErrorUnderXRechnung30(Path file) {
        ValidationReport report = validator.validate(Corpus.document(file), null);

        assertThat(report.ruleSet()).matches("XRechnung-(CII|UBL) 3\\.0\\.2");
        assertThat(En16931ValidatorTest.errors(report)).isEmpty();
    }

    @Test
    void alteredTotalIsLeftToTheEn16931ReportAndNotRepeated() {
        Document valid = Corpus.document("ubl", "01.01a-INVOICE_ubl.xml");
        String xml = new String(valid.content(), StandardCharsets.UTF_8);
        byte[] broken =
                xml.replaceFirst(
                                "(<cbc:PayableAmount currencyID=\"EUR\">)[^<]+(<)", "$1999999.99$2")
                        .getBytes(StandardCharsets.UTF_8);

        ValidationReport report =
                validator.validate(new Document("broken.xml", "application/xml", broken), null);

        assertThat(report.ruleSet()).isEqualTo("XRechnung-UBL 3.0.2");
        assertThat(report.findings()).noneMatch(f -> f.rule().startsWith("BR-CO-"));
    }

    @Test
    void xrechnungRuleBreachIsAnError() {
        Document valid = Corpus.document("ubl", "01.01a-INVOICE_ubl.xml");
        String xml = new String(valid.content(), StandardCharsets.UTF_8);
        // BR-DE-1: an XRechnung needs payment instructions (BG-16)
        byte[] broken =
                xml.replaceAll("(?s)<cac:PaymentMeans>.*?</cac:PaymentMeans>", "")
                        .getBytes(StandardCharsets.UTF_8);

        ValidationReport report =
                validator.validate(new Document("broken.xml", "application/xml", broken), null);

        assertThat(En16931ValidatorTest.errors(report))
                .extracting(ValidationReport.Finding::rule)
                .contains("BR-DE-1");
    }

    @Test
    void appliesOnlyWhenBt24DeclaresXRechnung() {
        String xr30 = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
        assertThat(validator.appliesTo(new Syntax("UBL", xr30))).isTrue();
        assertThat(validator.appliesTo(new Syntax("CII", xr30))).isTrue();
        assertThat(validator.appliesTo(new Syntax("CII", "urn:cen.eu:en16931:2017"))).isFalse();
        assertThat(validator.appliesTo(new Syntax("ZUGFERD_1", xr30))).isFalse();
    }

    @Test
    void documentNotDeclaringXRechnungIsNotCovered() {
        ValidationReport report =
                validator.validate(Corpus.document("cii", "factur-x-en16931.xml"), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.ruleSet()).isEqualTo("XRechnung");
    }
}
