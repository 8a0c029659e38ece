package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class En16931ValidatorTest {

    private final RuleLibrary library = new RuleLibrary();
    private final En16931Validator validator = new En16931Validator(library);

    static Stream<Path> corpusXml() {
        return Stream.concat(Corpus.files("cii").stream(), Corpus.files("ubl").stream());
    }

    static Stream<Path> xrechnungBusinessCases() {
        return corpusXml()
                .filter(
                        p -> {
                            String name = p.getFileName().toString();
                            return name.endsWith("_uncefact.xml") || name.endsWith("_ubl.xml");
                        });
    }

    @ParameterizedTest
    @MethodSource("corpusXml")
    void everyCorpusXmlGetsAReport(Path file) {
        ValidationReport report = validator.validate(Corpus.document(file), null);

        assertThat(report.ruleSet()).startsWith("EN16931");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.rule()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("xrechnungBusinessCases")
    void xrechnungBusinessCasesHaveNoError(Path file) {
        ValidationReport report = validator.validate(Corpus.document(file), null);

        assertThat(report.ruleSet()).matches("EN16931-(CII|UBL) 1\\.3\\.16");
        assertThat(errors(report)).isEmpty();
    }

    @Test
    void facturXEn16931SampleHasNoError() {
        ValidationReport report =
                validator.validate(Corpus.document("cii", "factur-x-en16931.xml"), null);

        assertThat(report.ruleSet()).isEqualTo("EN16931-CII 1.3.16");
        assertThat(errors(report)).isEmpty();
    }

    @Test
    void alteredTotalBreaksABusinessRule() {
        Document valid = Corpus.document("ubl", "01.01a-INVOICE_ubl.xml");
        String xml = new String(valid.content(), StandardCharsets.UTF_8);
        String broken =
                xml.replaceFirst(
                        "(<cbc:PayableAmount currencyID=\"EUR\">)[^<]+(<)", "$1999999.99$2");
        assertThat(broken).isNotEqualTo(xml);

        ValidationReport report =
                validator.validate(
                        new Document("broken.xml", "application/xml", bytes(broken)), null);

        assertThat(report.valid()).isFalse();
        assertThat(errors(report)).extracting(Finding::rule).anyMatch(r -> r.startsWith("BR-"));
        assertThat(errors(report))
                .allSatisfy(f -> assertThat(f.location()).startsWith("/"))
                .allSatisfy(f -> assertThat(f.message()).isNotBlank());
    }

    @Test
    void facturXPdfIsValidatedThroughItsEmbeddedXml() {
        ValidationReport report =
                validator.validate(Corpus.document("pdf", "EN16931_Einfach.pdf"), null);

        assertThat(report.ruleSet()).isEqualTo("EN16931-CII 1.3.16");
        assertThat(errors(report)).isEmpty();
    }

    @Test
    void rulesAreCompiledOnceAndReused() {
        Document document = Corpus.document("cii", "01.01a-INVOICE_uncefact.xml");
        RuleLibrary fresh = new RuleLibrary();
        En16931Validator first = new En16931Validator(fresh);

        first.validate(document, null);
        var executors = fresh.executorSet(EN16931ValidationIds.CII);
        first.validate(document, null);

        assertThat(fresh.compilations()).isEqualTo(1);
        assertThat(fresh.executorSet(EN16931ValidationIds.CII)).isSameAs(executors);
    }

    @Test
    void appliesToCompleteInvoicesOfEn16931Syntaxes() {
        assertThat(validator.appliesTo(new Syntax("CII", "urn:cen.eu:en16931:2017"))).isTrue();
        assertThat(validator.appliesTo(new Syntax("UBL", ""))).isTrue();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "FACTUR_X",
                                        "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic")))
                .isTrue();
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", "urn:factur-x.eu:1p0:minimum")))
                .isFalse();
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", "urn:factur-x.eu:1p0:basicwl")))
                .isFalse();
        assertThat(validator.appliesTo(new Syntax("ZUGFERD_1", "urn:ferd:CrossIndustryDocument")))
                .isFalse();
    }

    static List<Finding> errors(ValidationReport report) {
        return report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
