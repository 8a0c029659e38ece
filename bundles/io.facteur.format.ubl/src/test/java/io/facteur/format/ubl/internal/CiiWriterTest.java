package io.facteur.format.ubl.internal;

import static io.facteur.format.ubl.internal.XPathOracle.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UBL to CII. The CII reader lives in the Mustang bundle: here the written CII is checked by XPath
 * against what the UBL reader reads from the source; the read-back with the CII reader is in {@code
 * io.facteur.format.twins}.
 */
class CiiWriterTest {

    private static final String CII_NAMESPACE =
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static final String HEADER =
            "/" + step("CrossIndustryInvoice") + "/" + step("ExchangedDocument") + "/";

    /** The contact terms: UBL {@code cac:Contact} child, CII {@code DefinedTradeContact} path. */
    static final Map<String, String> CONTACT =
            Map.of(
                    "Name", step("PersonName"),
                    "Telephone",
                            step("TelephoneUniversalCommunication") + "/" + step("CompleteNumber"),
                    "ElectronicMail", step("EmailURIUniversalCommunication") + "/" + step("URIID"));

    /** BG-6 and BG-9: the UBL party, the CII party. */
    static final Map<String, String> CONTACT_PARTIES =
            Map.of(
                    "AccountingSupplierParty", "SellerTradeParty",
                    "AccountingCustomerParty", "BuyerTradeParty");

    static final String CONTEXT =
            "/" + step("CrossIndustryInvoice") + "/" + step("ExchangedDocumentContext") + "/";

    /** Required by CII D16B, and exempted from R008 by Peppol and XRechnung's own rule. */
    static final String DELIVERY =
            "/CrossIndustryInvoice/SupplyChainTradeTransaction/ApplicableHeaderTradeDelivery";

    private final InvoiceWriter writer = new CiiWriter();
    private final UblReader reader = new UblReader();

    /** Every corpus file whose root element is a UBL Invoice or CreditNote, in whatever folder. */
    static Stream<Path> ublFiles() {
        return Stream.of("ubl", "cii")
                .flatMap(folder -> Corpus.files(folder).stream())
                .filter(
                        f ->
                                List.of("Invoice", "CreditNote")
                                        .contains(Corpus.rootName(Corpus.document(f))));
    }

    @Test
    void theCorpusHoldsUblInvoicesAndCreditNotes() {
        assertThat(ublFiles().count()).isGreaterThanOrEqualTo(35);
        assertThat(ublFiles().filter(f -> Corpus.rootName(Corpus.document(f)).equals("CreditNote")))
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("ublFiles")
    void writesEveryCorpusUblAsCiiWithItsBusinessTerms(Path file) throws Exception {
        Document ubl = Corpus.document(file);
        Invoice source = reader.read(ubl);

        Document cii = writer.write(ubl, "UBL", source, Locale.FRENCH);

        assertThat(cii.mediaType()).isEqualTo("application/xml");
        assertThat(cii.fileName()).endsWith(".cii.xml");
        assertThat(XPathOracle.value(cii, "namespace-uri(/*)")).isEqualTo(CII_NAMESPACE);
        assertThat(XPathOracle.value(cii, HEADER + step("ID"))).isEqualTo(source.number());
        assertThat(XPathOracle.count(cii, "//" + step("IncludedSupplyChainTradeLineItem")))
                .isEqualTo(source.lines().size());
        assertThat(
                        new BigDecimal(
                                XPathOracle.value(
                                        cii,
                                        "//"
                                                + step(
                                                        "SpecifiedTradeSettlementHeaderMonetarySummation")
                                                + "/"
                                                + step("DuePayableAmount"))))
                .isEqualByComparingTo(source.totals().payable());
        assertThat(
                        XPathOracle.value(
                                cii,
                                "//"
                                        + step("GuidelineSpecifiedDocumentContextParameter")
                                        + "/"
                                        + step("ID")))
                .isEqualTo(source.specification());
    }

    @Test
    void theCorpusHoldsUblWithContactsAndBusinessProcess() {
        assertThat(ublFiles().filter(f -> !ublValue(f, "/*/" + step("ProfileID")).isEmpty()))
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(
                        ublFiles()
                                .filter(
                                        f ->
                                                !ublValue(
                                                                f,
                                                                ublContact(
                                                                        "AccountingSupplierParty",
                                                                        "Name"))
                                                        .isEmpty()))
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(
                        ublFiles()
                                .filter(
                                        f ->
                                                !ublValue(
                                                                f,
                                                                ublContact(
                                                                        "AccountingCustomerParty",
                                                                        "ElectronicMail"))
                                                        .isEmpty()))
                .isNotEmpty();
    }

    /**
     * BT-23 and the contacts (BG-6, BG-9), which the semantic record does not carry, are written as
     * the UBL declares them; no element is empty (PEPPOL-EN16931-R008) but those CII D16B requires:
     * the header delivery, and the document context of a UBL without BT-23 and BT-24.
     */
    @ParameterizedTest
    @MethodSource("ublFiles")
    void carriesBusinessProcessAndContactsAndWritesNoEmptyElement(Path file) throws Exception {
        Document ubl = Corpus.document(file);

        Document cii = writer.write(ubl, "UBL", null, Locale.FRENCH);

        assertThat(
                        XPathOracle.value(
                                cii,
                                CONTEXT
                                        + step("BusinessProcessSpecifiedDocumentContextParameter")
                                        + "/"
                                        + step("ID")))
                .isEqualTo(XPathOracle.value(ubl, "/*/" + step("ProfileID")));
        for (var party : CONTACT_PARTIES.entrySet()) {
            for (var term : CONTACT.entrySet()) {
                assertThat(
                                XPathOracle.value(
                                        cii,
                                        "//"
                                                + step(party.getValue())
                                                + "/"
                                                + step("DefinedTradeContact")
                                                + "/"
                                                + term.getValue()))
                        .as("%s %s", party.getKey(), term.getKey())
                        .isEqualTo(
                                XPathOracle.value(ubl, ublContact(party.getKey(), term.getKey())));
            }
        }
        boolean noContext =
                XPathOracle.count(
                                ubl, "/*/" + step("CustomizationID") + " | /*/" + step("ProfileID"))
                        == 0;
        List<String> required =
                noContext
                        ? List.of(DELIVERY, "/CrossIndustryInvoice/ExchangedDocumentContext")
                        : List.of(DELIVERY);
        assertThat(XPathOracle.emptyElements(cii)).isSubsetOf(required);
    }

    private static final String UBL_MEANS = "/*/" + step("PaymentMeans") + "/";
    private static final String SETTLEMENT = "//" + step("ApplicableHeaderTradeSettlement") + "/";
    private static final String CII_MEANS =
            SETTLEMENT + step("SpecifiedTradeSettlementPaymentMeans") + "/";

    /** BT-87, BT-88, BT-89, BT-91: the UBL path, the CII path (EN 16931-3-2 and -3-3). */
    static final Map<String, String> PAYMENT_TERMS =
            Map.of(
                    UBL_MEANS + step("CardAccount") + "/" + step("PrimaryAccountNumberID"),
                    CII_MEANS + step("ApplicableTradeSettlementFinancialCard") + "/" + step("ID"),
                    UBL_MEANS + step("CardAccount") + "/" + step("HolderName"),
                    CII_MEANS
                            + step("ApplicableTradeSettlementFinancialCard")
                            + "/"
                            + step("CardholderName"),
                    UBL_MEANS + step("PaymentMandate") + "/" + step("ID"),
                    SETTLEMENT
                            + step("SpecifiedTradePaymentTerms")
                            + "/"
                            + step("DirectDebitMandateID"),
                    UBL_MEANS
                            + step("PaymentMandate")
                            + "/"
                            + step("PayerFinancialAccount")
                            + "/"
                            + step("ID"),
                    CII_MEANS + step("PayerPartyDebtorFinancialAccount") + "/" + step("IBANID"));

    static Stream<Path> ublFilesWithCardOrDirectDebit() {
        return ublFiles()
                .filter(
                        f ->
                                PAYMENT_TERMS.keySet().stream()
                                        .anyMatch(path -> !ublValue(f, path).isEmpty()));
    }

    @Test
    void theCorpusHoldsUblWithPaymentCardAndDirectDebit() {
        List<String> names =
                ublFilesWithCardOrDirectDebit().map(f -> f.getFileName().toString()).toList();
        assertThat(names)
                .contains(
                        "03.01a-INVOICE_ubl.xml",
                        "03.02a-INVOICE_ubl.xml",
                        "03.03a-INVOICE_ubl.xml",
                        "03.04a-INVOICE_ubl.xml",
                        "03.05a-INVOICE_ubl.xml");
    }

    /**
     * BG-18 (BT-87, BT-88) and BG-19 (BT-89, BT-91), which the converter leaves out, are written as
     * the UBL declares them, each once.
     */
    @ParameterizedTest
    @MethodSource("ublFilesWithCardOrDirectDebit")
    void carriesPaymentCardAndDirectDebit(Path file) throws Exception {
        Document ubl = Corpus.document(file);

        Document cii = writer.write(ubl, "UBL", null, Locale.FRENCH);

        for (var term : PAYMENT_TERMS.entrySet()) {
            assertThat(XPathOracle.value(cii, term.getValue()))
                    .as(term.getKey())
                    .isEqualTo(XPathOracle.value(ubl, term.getKey()));
            assertThat(XPathOracle.count(cii, term.getValue()))
                    .as(term.getKey())
                    .isEqualTo(XPathOracle.count(ubl, term.getKey()));
        }
        assertThat(XPathOracle.value(cii, CII_MEANS + step("TypeCode")))
                .isEqualTo(XPathOracle.value(ubl, UBL_MEANS + step("PaymentMeansCode")));
    }

    private static String ublContact(String party, String term) {
        return "/*/" + step(party) + "/" + step("Party") + "/" + step("Contact") + "/" + step(term);
    }

    private static String ublValue(Path file, String path) {
        try {
            return XPathOracle.value(Corpus.document(file), path);
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + path, e);
        }
    }

    @Test
    void putsBackWhatTheConverterLosesOrSwaps() throws Exception {
        String seller = "//" + step("SellerTradeParty") + "/";
        Document names = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));
        Document dueWithoutTerms =
                Corpus.document(Corpus.folder("ubl").resolve("01.14a-INVOICE_ubl.xml"));
        Document creditNoteWithoutTypeCode =
                Corpus.document(Corpus.folder("ubl").resolve("ubl-creditnote.xml"));

        Document cii = writer.write(names, "UBL", null, Locale.FRENCH);
        assertThat(XPathOracle.value(cii, seller + step("Name"))).isEqualTo("[Seller name]");
        String contact = seller + step("DefinedTradeContact") + "/";
        assertThat(XPathOracle.value(cii, contact + step("PersonName")))
                .isEqualTo("nicht vorhanden");
        assertThat(XPathOracle.value(cii, contact + CONTACT.get("Telephone")))
                .isEqualTo("+49 1234-5678");
        assertThat(XPathOracle.value(cii, contact + CONTACT.get("ElectronicMail")))
                .isEqualTo("seller@email.de");
        assertThat(
                        XPathOracle.value(
                                cii,
                                CONTEXT
                                        + step("BusinessProcessSpecifiedDocumentContextParameter")
                                        + "/"
                                        + step("ID")))
                .isEqualTo("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
        assertThat(XPathOracle.count(cii, "//" + step("BuyerOrderReferencedDocument")))
                .as("an order line reference without the converter's empty twins")
                .isEqualTo(1);
        assertThat(
                        XPathOracle.value(
                                cii,
                                seller
                                        + step("SpecifiedLegalOrganization")
                                        + "/"
                                        + step("TradingBusinessName")))
                .isEqualTo("[Seller trading name]");
        assertThat(
                        XPathOracle.value(
                                writer.write(dueWithoutTerms, "UBL", null, Locale.FRENCH),
                                "//" + step("DueDateDateTime") + "/" + step("DateTimeString")))
                .isEqualTo("20180413");
        assertThat(
                        XPathOracle.value(
                                writer.write(creditNoteWithoutTypeCode, "UBL", null, Locale.FRENCH),
                                HEADER + step("TypeCode")))
                .isEqualTo("381");
    }

    @Test
    void describesWhatItWrites() {
        assertThat(writer.syntax()).isEqualTo("CII");
        assertThat(writer.mediaType()).isEqualTo("application/xml");
        assertThat(writer.accepts("UBL")).isTrue();
        assertThat(writer.accepts("CII")).isFalse();
    }

    @Test
    void refusesXmlThatIsNotUbl() {
        Document cii = Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        assertThatThrownBy(() -> writer.write(cii, "UBL", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a UBL 2.1 Invoice or CreditNote");
        assertThatThrownBy(() -> writer.write(cii, "CII", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("only be written from UBL");
    }

    @Test
    void refusesOversizedAndHostileInput() {
        byte[] huge = new byte[ConvertedFile.MAX_XML_BYTES + 1];
        byte[] doctype =
                ("<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY e SYSTEM"
                                + " \"file:///etc/passwd\">]><Invoice>&e;</Invoice>")
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(
                        () ->
                                writer.write(
                                        new Document("x.xml", null, huge),
                                        "UBL",
                                        null,
                                        Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(
                        () ->
                                writer.write(
                                        new Document("x.xml", null, doctype),
                                        "UBL",
                                        null,
                                        Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE");
    }
}
