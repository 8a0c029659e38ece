package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.diagnostics.error.IError;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.xml.source.ValidationSourceXML;
import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacturXProfileValidatorTest {

    private static final String BASIC = "cii/factur-x-basic.xml";
    private static final String BASIC_WL = "cii/factur-x-basicwl.xml";
    private static final Pattern RESTATED = Pattern.compile("\\[([A-Z0-9-]+)]");

    /**
     * Every corpus document the validator applies to: its rule set, and the rule ids of its errors.
     * Five really are invalid against their profile (Factur-X 1.0.8 / ZUGFeRD 2.4): facturFrMinimum
     * gives the buyer an address, a VAT number and amounts a currency, which MINIMUM does not use
     * (also under 2.1 to 2.3.3); lastschrift_iban_bug has two buyer contacts and neither a delivery
     * date nor an invoicing period (BR-FX-EN-04); factur-x-extended gives a document-level
     * allowance an exemption reason; UC11 carries a line-level DueDateTypeCode that the EXTENDED
     * schema does not know (a French CTC extension newer than the library's rules); the ZUGFeRD 2.0
     * sample has codes and scheme ids that EXTENDED forbids (also under 2.0.1).
     */
    private static final Map<String, Expected> CORPUS =
            Map.ofEntries(
                    expect("cii/Factur-X_basic.xml", "BASIC"),
                    expect(BASIC, "BASIC"),
                    expect(BASIC_WL, "BASIC-WL"),
                    expect("cii/factur-x-en16931.xml", "EN16931"),
                    expect("cii/factur-x.xml", "EN16931"),
                    expect("cii/minimalDebit.xml", "EN16931"),
                    expect("cii/lastschrift_iban_bug.xml", "EN16931", "CII-SR-465", "BR-FX-EN-04"),
                    expect(
                            "cii/facturFrMinimum.xml",
                            "MINIMUM",
                            FacturXFindings.NOT_IN_PROFILE_RULE),
                    expect(
                            "cii/factur-x-extended.xml",
                            "EXTENDED",
                            FacturXFindings.NOT_IN_PROFILE_RULE),
                    expect(
                            "cii/UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                            "EXTENDED",
                            Findings.SCHEMA_RULE),
                    expect("cii/extended_warenrechnung_based_doublecashdiscount.xml", "EXTENDED"),
                    expect("pdf/EN16931_1_Teilrechnung.pdf", "EN16931"),
                    expect("pdf/EN16931_Einfach.pdf", "EN16931"),
                    expect("pdf/MustangBeispiel20221026.pdf", "EN16931"),
                    expect("pdf/invoice_EN16931.pdf", "EN16931"),
                    expect("pdf/EXTENDED_Fremdwaehrung_wdis_fx-pdfa4.pdf", "EXTENDED"),
                    expect(
                            "pdf/ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf",
                            "EXTENDED",
                            "FX-SCH-A-000162",
                            "FX-SCH-A-000037",
                            FacturXFindings.NOT_IN_PROFILE_RULE));

    private final RuleLibrary library = new RuleLibrary();
    private final FacturXProfileValidator validator = new FacturXProfileValidator(library);
    private final En16931Validator en16931 = new En16931Validator(library);

    static Stream<Path> corpus() {
        return Stream.of("cii", "ubl", "pdf", "bad").flatMap(f -> Corpus.files(f).stream());
    }

    static Stream<String> applicableCorpus() {
        return CORPUS.keySet().stream().sorted();
    }

    @Test
    void appliesToTheFacturXAndZugferd2DocumentsOfTheCorpus() {
        Set<String> applicable =
                corpus().filter(file -> validator.appliesTo(syntaxOf(file)))
                        .map(FacturXProfileValidatorTest::relative)
                        .collect(Collectors.toCollection(TreeSet::new));

        assertThat(applicable).isEqualTo(new TreeSet<>(CORPUS.keySet()));
    }

    @ParameterizedTest
    @MethodSource("applicableCorpus")
    void corpusDocumentHasExactlyTheErrorsOfItsProfile(String file) {
        ValidationReport report = validator.validate(document(file), null);

        Expected expected = CORPUS.get(file);
        assertThat(report.ruleSet()).isEqualTo("Factur-X-" + expected.profile() + " 1.0.8");
        assertThat(errors(report).stream().map(Finding::rule).collect(Collectors.toSet()))
                .isEqualTo(expected.errorRules());
        assertThat(report.valid()).isEqualTo(expected.errorRules().isEmpty());
        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.rule()).isNotBlank())
                .allSatisfy(f -> assertThat(f.message()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("applicableCorpus")
    void noFindingOfTheEn16931ReportIsRepeated(String file) {
        Document document = document(file);
        Syntax syntax = syntaxOf(Corpus.folder("").resolve(file));
        if (!en16931.appliesTo(syntax)) {
            return; // MINIMUM, BASIC WL: this report is the only one
        }
        ValidationReport cen = en16931.validate(document, null);
        ValidationReport profile = validator.validate(document, null);

        assertThat(profile.findings())
                .noneSatisfy(
                        f ->
                                assertThat(cen.findings())
                                        .anySatisfy(
                                                c -> {
                                                    assertThat(c.rule()).isEqualTo(f.rule());
                                                    assertThat(c.location())
                                                            .isEqualTo(f.location());
                                                    assertThat(c.severity())
                                                            .isLessThanOrEqualTo(f.severity());
                                                }));
    }

    @Test
    void extendedOnlyElementInABasicInvoiceIsAProfileSchemaError() {
        // the document name (ram:Name, BT-X-2) exists in CII and in EXTENDED, not in BASIC
        Document changed =
                modified(
                        BASIC,
                        "(<ram:ID>F20260023</ram:ID>)",
                        "$1<ram:Name>FACTURE COMMERCIALE</ram:Name>");

        ValidationReport report = validator.validate(changed, null);

        assertThat(report.ruleSet()).isEqualTo("Factur-X-BASIC 1.0.8");
        assertThat(errors(report))
                .singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(Findings.SCHEMA_RULE))
                .satisfies(f -> assertThat(f.message()).contains("cvc-complex-type", ":Name}"));
        assertThat(report.findings())
                .anySatisfy(f -> assertThat(f.rule()).isEqualTo(Findings.SKIPPED_RULE));
        // CEN's CII binding only warns of it: without this report the invoice would pass
        assertThat(en16931.validate(changed, null).valid()).isTrue();
    }

    @Test
    void germanBasicInvoiceWithoutDeliveryDateNorPeriodBreaksBrFxEn04() {
        // BR-FX-EN-04 (a German rule) asks domestic DE invoices for a delivery date or period
        Document german =
                modified(
                        BASIC,
                        "<ram:CountryID>FR</ram:CountryID>",
                        "<ram:CountryID>DE</ram:CountryID>");
        String withoutDate =
                new String(german.content(), StandardCharsets.UTF_8)
                        .replaceAll(
                                "(?s)<ram:ActualDeliverySupplyChainEvent>.*?"
                                        + "</ram:ActualDeliverySupplyChainEvent>"
                                        + "|<ram:BillingSpecifiedPeriod>.*?"
                                        + "</ram:BillingSpecifiedPeriod>",
                                "");
        Document changed =
                new Document(
                        "changed.xml",
                        "application/xml",
                        withoutDate.getBytes(StandardCharsets.UTF_8));

        assertThat(validator.validate(german, null).valid()).isTrue();
        ValidationReport report = validator.validate(changed, null);

        assertThat(errors(report))
                .singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo("BR-FX-EN-04"))
                .satisfies(f -> assertThat(f.location()).startsWith("/rsm:CrossIndustryInvoice"))
                .satisfies(f -> assertThat(f.message()).contains("BT-72", "(FX-SCH-A-"));
        assertThat(en16931.validate(changed, null).findings())
                .noneSatisfy(f -> assertThat(f.rule()).isEqualTo("BR-FX-EN-04"));
    }

    @Test
    void restatedEn16931RuleIsLeftToEn16931ForBasicButReportedForBasicWl() throws Exception {
        String payable = "(<ram:DuePayableAmount>)104.90(<)";
        Document basic = modified(BASIC, payable, "$1999.99$2");
        Document basicWl = modified(BASIC_WL, payable, "$1999.99$2");

        assertThat(rules(en16931.validate(basic, null))).contains("BR-CO-16");
        assertThat(profileRulesRestated(basic)).contains("BR-CO-16");
        assertThat(rules(validator.validate(basic, null))).doesNotContain("BR-CO-16");
        // EN 16931 does not check BASIC WL: the profile's restatement is the only report of it
        assertThat(en16931.appliesTo(syntaxOf(Corpus.folder("").resolve(BASIC_WL)))).isFalse();
        assertThat(errors(validator.validate(basicWl, null)))
                .extracting(Finding::rule)
                .containsExactly("BR-CO-16");
    }

    @Test
    void schemaErrorOfCiiItselfIsLeftToEn16931ForBasicButReportedForBasicWl() {
        String total = "(<ram:TaxBasisTotalAmount>)100.00(<)";
        Document basic = modified(BASIC, total, "$1cent$2");
        Document basicWl = modified(BASIC_WL, total, "$1cent$2");

        assertThat(rules(errors(en16931.validate(basic, null)))).contains(Findings.SCHEMA_RULE);
        assertThat(errors(validator.validate(basic, null))).isEmpty();
        assertThat(errors(validator.validate(basicWl, null)))
                .extracting(Finding::rule)
                .contains(Findings.SCHEMA_RULE);
    }

    @Test
    void onlyCiiDocumentsDeclaringAProfileAreCovered() {
        ValidationReport ubl =
                validator.validate(
                        document("cii/bt17-response_1760553749128.cii.xml"), null); // UBL inside
        ValidationReport zugferd1 = validator.validate(document("pdf/zugferd_invoice.pdf"), null);
        ValidationReport xrechnung =
                validator.validate(document("cii/01.01a-INVOICE_uncefact.xml"), null);

        for (ValidationReport report : new ValidationReport[] {ubl, zugferd1, xrechnung}) {
            assertThat(report.ruleSet()).isEqualTo("Factur-X");
            assertThat(report.findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.rule()).isEqualTo(PhiveValidator.UNREADABLE_RULE));
        }
    }

    @Test
    void appliesToTheFacturXAndZugferd2Identifiers() {
        for (FacturXProfile profile : FacturXProfile.values()) {
            for (String bt24 : profile.identifiers()) {
                assertThat(validator.appliesTo(new Syntax("FACTUR_X", bt24))).isTrue();
                assertThat(validator.appliesTo(new Syntax("CII", bt24))).isTrue();
                assertThat(validator.appliesTo(new Syntax("UBL", bt24))).isFalse();
            }
        }
        String xrechnung = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", xrechnung))).isFalse();
        assertThat(validator.appliesTo(new Syntax("CII", xrechnung))).isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "FACTUR_X",
                                        "urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic")))
                .isFalse();
        assertThat(
                        validator.appliesTo(
                                new Syntax(
                                        "ZUGFERD_1",
                                        "urn:ferd:CrossIndustryDocument:invoice:1p0:basic")))
                .isFalse();
        assertThat(validator.appliesTo(new Syntax("FACTUR_X", ""))).isFalse();
    }

    @Test
    void profilesLeftToEn16931AreTheOnesItChecks() {
        for (FacturXProfile profile : FacturXProfile.values()) {
            Syntax syntax = new Syntax("FACTUR_X", profile.identifiers().get(0));
            assertThat(profile.checkedByEn16931()).isEqualTo(en16931.appliesTo(syntax));
        }
        assertThat(FacturXProfile.MINIMUM.checkedByEn16931()).isFalse();
        assertThat(FacturXProfile.EXTENDED.checkedByEn16931()).isTrue();
    }

    @Test
    void ruleSetIsCompiledOnceAndReused() {
        RuleLibrary fresh = new RuleLibrary();
        FacturXProfileValidator first = new FacturXProfileValidator(fresh);
        Document document = document(BASIC);

        first.validate(document, null);
        var executors = fresh.executorSet(FacturXProfile.BASIC.ruleSet().id());
        long start = System.nanoTime();
        ValidationReport again = first.validate(document, null);
        long warmMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(again.valid()).isTrue();
        assertThat(fresh.compilations()).isEqualTo(1);
        assertThat(fresh.executorSet(FacturXProfile.BASIC.ruleSet().id())).isSameAs(executors);
        assertThat(warmMillis).isLessThan(5_000);
    }

    /** What the BASIC profile's own Schematron says, before this report leaves anything out. */
    private Set<String> profileRulesRestated(Document document) throws InvoiceXmlException {
        RuleSet rules = FacturXProfile.BASIC.ruleSet();
        org.w3c.dom.Document dom = new InvoiceXml().read(document);
        ValidationResultList results =
                library.withBundleLoader(
                        () ->
                                ValidationExecutionManager.executeValidation(
                                        IValidityDeterminator.createDefault(),
                                        library.executorSet(rules.id()),
                                        ValidationSourceXML.create("basic.xml", dom),
                                        Locale.ENGLISH));
        Set<String> restated = new TreeSet<>();
        for (ValidationResult result : results) {
            for (IError error : result.getErrorList()) {
                Matcher id = RESTATED.matcher(error.getErrorText(Locale.ENGLISH).strip());
                if (id.lookingAt()) {
                    restated.add(id.group(1));
                }
            }
        }
        return restated;
    }

    private static Map.Entry<String, Expected> expect(
            String file, String profile, String... errorRules) {
        return Map.entry(file, new Expected(profile, Set.of(errorRules)));
    }

    private record Expected(String profile, Set<String> errorRules) {}

    /** The syntax and BT-24 as the readers detect them, told by the invoice XML itself. */
    private static Syntax syntaxOf(Path file) {
        byte[] content = Corpus.document(file).content();
        try {
            boolean pdf = PdfInvoiceXml.isPdf(content);
            Element root =
                    SafeXml.parse(pdf ? new PdfInvoiceXml().extract(content) : content)
                            .getDocumentElement();
            XmlSyntax syntax = XmlSyntax.of(root);
            String id =
                    switch (syntax) {
                        case CII -> pdf ? "FACTUR_X" : "CII";
                        case UBL_INVOICE, UBL_CREDIT_NOTE -> "UBL";
                        case OTHER -> pdf ? "ZUGFERD_1" : "OTHER";
                    };
            return new Syntax(id, XmlSyntax.bt24(root));
        } catch (Exception e) {
            return new Syntax("UNREADABLE", ""); // the bad/ folder: no invoice to validate
        }
    }

    private static String relative(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static Document document(String file) {
        return Corpus.document(Corpus.folder("").resolve(file));
    }

    private static Document modified(String file, String regex, String replacement) {
        String xml = new String(document(file).content(), StandardCharsets.UTF_8);
        String changed = xml.replaceAll(regex, replacement);
        assertThat(changed).isNotEqualTo(xml);
        return new Document(
                "changed.xml", "application/xml", changed.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Finding> errors(ValidationReport report) {
        return En16931ValidatorTest.errors(report);
    }

    private static Set<String> rules(ValidationReport report) {
        return rules(report.findings());
    }

    private static Set<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).collect(Collectors.toSet());
    }
}
