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

class UblWriterTest {

    private static final String HEADER =
            "/" + step("CrossIndustryInvoice") + "/" + step("ExchangedDocument") + "/";
    private static final String SUMMATION =
            "//" + step("SpecifiedTradeSettlementHeaderMonetarySummation") + "/";

    /**
     * CII files that UBL cannot carry, with the reason: Factur-X MINIMUM and BASIC WL have no
     * invoice lines (BG-25), which UBL 2.1 and EN 16931 require.
     */
    static final Map<String, String> CANNOT_CARRY =
            Map.of(
                    "facturFrMinimum.xml", "no invoice line (BG-25)",
                    "factur-x-basicwl.xml", "no invoice line (BG-25)");

    private final InvoiceWriter writer = new UblWriter();
    private final UblReader reader = new UblReader();

    /** Every corpus file whose root element is a CII CrossIndustryInvoice, in whatever folder. */
    static Stream<Path> ciiFiles() {
        return Stream.of("cii", "ubl")
                .flatMap(folder -> Corpus.files(folder).stream())
                .filter(f -> Corpus.rootName(Corpus.document(f)).equals("CrossIndustryInvoice"));
    }

    @Test
    void theCorpusHoldsCiiInvoices() {
        assertThat(ciiFiles().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @MethodSource("ciiFiles")
    void writesEveryCorpusCiiAsUblThatTheUblReaderReads(Path file) throws Exception {
        Document cii = Corpus.document(file);
        String cannotCarry = CANNOT_CARRY.get(file.getFileName().toString());
        if (cannotCarry != null) {
            assertThatThrownBy(() -> writer.write(cii, "CII", null, Locale.FRENCH))
                    .isInstanceOf(UnreadableInvoiceException.class)
                    .hasMessageContaining(cannotCarry);
            return;
        }

        Document ubl = writer.write(cii, "CII", null, Locale.FRENCH);

        assertThat(ubl.mediaType()).isEqualTo("application/xml");
        assertThat(ubl.fileName()).endsWith(".ubl.xml");
        assertThat(reader.detect(ubl))
                .get()
                .satisfies(s -> assertThat(s.syntax()).isEqualTo("UBL"));
        Invoice read = reader.read(ubl);
        assertThat(read.number()).isEqualTo(XPathOracle.value(cii, HEADER + step("ID")));
        assertThat(read.typeCode()).isEqualTo(XPathOracle.value(cii, HEADER + step("TypeCode")));
        assertThat(read.specification())
                .isEqualTo(
                        XPathOracle.value(
                                cii,
                                "//"
                                        + step("GuidelineSpecifiedDocumentContextParameter")
                                        + "/"
                                        + step("ID")));
        assertThat(read.lines())
                .hasSize(XPathOracle.count(cii, "//" + step("IncludedSupplyChainTradeLineItem")));
        assertThat(read.totals().payable())
                .isEqualByComparingTo(
                        new BigDecimal(
                                XPathOracle.value(cii, SUMMATION + step("DuePayableAmount"))));
        assertThat(Corpus.rootName(ubl)).isEqualTo(read.isCreditNote() ? "CreditNote" : "Invoice");
    }

    /**
     * BT-23 and the contacts (BG-6, BG-9), which the semantic record does not carry, are written as
     * the CII declares them (BT-41 / BT-56: the person, else the department); no element is empty
     * (PEPPOL-EN16931-R008).
     */
    @ParameterizedTest
    @MethodSource("ciiFiles")
    void carriesBusinessProcessAndContactsAndWritesNoEmptyElement(Path file) throws Exception {
        Document cii = Corpus.document(file);
        if (CANNOT_CARRY.containsKey(file.getFileName().toString())) {
            return;
        }

        Document ubl = writer.write(cii, "CII", null, Locale.FRENCH);

        assertThat(XPathOracle.value(ubl, "/*/" + step("ProfileID")))
                .isEqualTo(
                        XPathOracle.value(
                                cii,
                                "//"
                                        + step("BusinessProcessSpecifiedDocumentContextParameter")
                                        + "/"
                                        + step("ID")));
        for (var party : CiiWriterTest.CONTACT_PARTIES.entrySet()) {
            String ciiContact =
                    "//" + step(party.getValue()) + "/" + step("DefinedTradeContact") + "[1]/";
            String ublContact =
                    "/*/"
                            + step(party.getKey())
                            + "/"
                            + step("Party")
                            + "/"
                            + step("Contact")
                            + "/";
            assertThat(XPathOracle.value(ubl, ublContact + step("Name")))
                    .as("%s contact point", party.getKey())
                    .isEqualTo(
                            XPathOracle.value(
                                    cii,
                                    "("
                                            + ciiContact
                                            + step("PersonName")
                                            + " | "
                                            + ciiContact
                                            + step("DepartmentName")
                                            + ")[1]"));
            for (String term : List.of("Telephone", "ElectronicMail")) {
                assertThat(XPathOracle.value(ubl, ublContact + step(term)))
                        .as("%s %s", party.getKey(), term)
                        .isEqualTo(
                                XPathOracle.value(
                                        cii, ciiContact + CiiWriterTest.CONTACT.get(term)));
            }
        }
        assertThat(XPathOracle.emptyElements(ubl)).isEmpty();
    }

    @Test
    void theCorpusHoldsCiiWithContactsAndBusinessProcess() throws Exception {
        long withProcess = 0;
        long withSellerContact = 0;
        for (Path file : ciiFiles().toList()) {
            Document cii = Corpus.document(file);
            withProcess +=
                    XPathOracle.count(
                            cii, "//" + step("BusinessProcessSpecifiedDocumentContextParameter"));
            withSellerContact +=
                    XPathOracle.count(
                            cii,
                            "//" + step("SellerTradeParty") + "/" + step("DefinedTradeContact"));
        }
        assertThat(withProcess).isGreaterThanOrEqualTo(20);
        assertThat(withSellerContact).isGreaterThanOrEqualTo(20);
    }

    @Test
    void writesNaAsPurchaseOrderReferenceOfASalesOrderReferenceAlone() throws Exception {
        Document cii = Corpus.document(Corpus.folder("cii").resolve("01.02a-INVOICE_uncefact.xml"));
        assertThat(XPathOracle.count(cii, "//" + step("BuyerOrderReferencedDocument"))).isZero();

        Document ubl = writer.write(cii, "CII", null, Locale.FRENCH);

        String order = "/*/" + step("OrderReference") + "/";
        assertThat(XPathOracle.value(ubl, order + step("ID"))).isEqualTo("NA");
        assertThat(XPathOracle.value(ubl, order + step("SalesOrderID"))).isEqualTo("SO12345678");
    }

    @Test
    void theFilesItCannotCarryAreInTheCorpus() {
        assertThat(ciiFiles().map(f -> f.getFileName().toString()))
                .containsAll(CANNOT_CARRY.keySet());
    }

    @Test
    void describesWhatItWrites() {
        assertThat(writer.syntax()).isEqualTo("UBL");
        assertThat(writer.extension()).isEqualTo("xml");
        assertThat(writer.accepts("CII")).isTrue();
        assertThat(writer.accepts("UBL")).isFalse();
        assertThat(writer.accepts("FACTUR_X")).isFalse();
    }

    @Test
    void refusesASourceSyntaxItDoesNotAccept() {
        Document ubl = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        assertThatThrownBy(() -> writer.write(ubl, "UBL", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("only be written from CII");
    }

    @Test
    void refusesXmlThatIsNotCiiWhateverItIsCalled() {
        Document ubl = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        assertThatThrownBy(() -> writer.write(ubl, "CII", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a CII D16B CrossIndustryInvoice");
    }

    @Test
    void refusesOversizedEmptyAndDoctypeInput() {
        byte[] huge = new byte[ConvertedFile.MAX_XML_BYTES + 1];
        String doctype =
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<x>&e;</x>";

        assertThatThrownBy(() -> writer.write(xml(huge), "CII", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> writer.write(xml(new byte[0]), "CII", null, Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(
                        () ->
                                writer.write(
                                        xml(doctype.getBytes(StandardCharsets.UTF_8)),
                                        "CII",
                                        null,
                                        Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesWithTheConvertersErrorsAnInvoiceItCannotCarry() throws Exception {
        // a payment card (UNTDID 4461 code 48) without the card itself
        String cii =
                new String(
                                Corpus.document(
                                                Corpus.folder("cii")
                                                        .resolve("01.01a-INVOICE_uncefact.xml"))
                                        .content(),
                                StandardCharsets.UTF_8)
                        .replaceFirst(
                                "<ram:TypeCode>58</ram:TypeCode>",
                                "<ram:TypeCode>48</ram:TypeCode>");
        assertThat(cii).contains("<ram:TypeCode>48</ram:TypeCode>");

        assertThatThrownBy(
                        () ->
                                writer.write(
                                        xml(cii.getBytes(StandardCharsets.UTF_8)),
                                        "CII",
                                        null,
                                        Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageStartingWith("This CII invoice cannot be converted to UBL: ")
                .hasMessageContaining("Payment");
    }

    private static Document xml(byte[] content) {
        return new Document("in.xml", "application/xml", content);
    }
}
