package io.facteur.adapter.fr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.XmlEditor;
import io.facteur.format.mustang.internal.CiiReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the French adapters write, byte for byte, whom they serve and what they refuse. */
class FrenchAdapterTest {

    private static final Path EN16931 = SharedCorpus.folder("cii").resolve("factur-x-en16931.xml");
    private static final Path XRECHNUNG =
            SharedCorpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml");
    private static final Path PDF = SharedCorpus.folder("pdf").resolve("EN16931_Einfach.pdf");

    private final ReceiverAdapter facturX = new FacturXAdapter();
    private final ReceiverAdapter ctc = new CtcAdapter();
    private final Receiver france = new Receiver("FR", "", Map.of());
    private final Receiver choseCtc = new Receiver("FR", "adapter.fr.ctc", Map.of());

    private static Invoice read(Document cii) throws UnreadableInvoiceException {
        return new CiiReader().read(cii);
    }

    private static Document pdf() {
        return new Document("x.pdf", "application/pdf", Corpus.bytes(PDF));
    }

    private String ctc(String xml, Map<String, Object> settings) throws Exception {
        Document source = Corpus.document("x.xml", xml);
        return new String(
                ctc.adapt(source, read(source), choseCtc, settings).content(),
                StandardCharsets.UTF_8);
    }

    private String ctcRefusal(String xml, String language) throws Exception {
        Document source = Corpus.document("x.xml", xml);
        Invoice invoice = read(source);
        return org.junit.jupiter.api.Assertions.assertThrows(
                        UnreadableInvoiceException.class,
                        () -> ctc.adapt(source, invoice, choseCtc, Map.of("language", language)))
                .getMessage();
    }

    @Test
    void facturXServesFranceByDefaultAndWhoeverChoseItCtcOnlyWhoChoseIt() {
        assertThat(facturX.serves(france)).isTrue();
        assertThat(facturX.serves(new Receiver("fr", null, null))).isTrue();
        assertThat(facturX.serves(new Receiver("DE", "", Map.of()))).isFalse();
        assertThat(facturX.serves(new Receiver("DE", "adapter.fr.facturx", Map.of()))).isTrue();
        assertThat(facturX.serves(choseCtc)).isFalse();
        assertThat(ctc.serves(france)).isFalse();
        assertThat(ctc.serves(choseCtc)).isTrue();
        assertThat(ctc.serves(new Receiver("", "adapter.fr.ctc", Map.of()))).isTrue();
    }

    @Test
    void facturXKeepsTheSourcesProfileAndAddsNothingCtcDeclaresItselfInBt24() {
        assertThat(facturX.target())
                .isEqualTo(new ReceiverAdapter.Target("FACTUR_X", "", Set.of()));
        assertThat(ctc.target())
                .isEqualTo(
                        new ReceiverAdapter.Target(
                                "CII",
                                "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr",
                                Set.of("BT-24")));
    }

    @Test
    void facturXPassesTheSameFileOnWhenFrenchReceiversCanTakeIt() throws Exception {
        Document pdf = pdf();
        Document out = facturX.adapt(pdf, read(Corpus.document(EN16931)), france, Map.of());
        assertThat(out).isSameAs(pdf);
    }

    @Test
    void facturXRefusesProfilesFrenchReceiversDoNotTakeAndWhatIsNoPdf() throws Exception {
        Invoice xrechnung = read(Corpus.document(XRECHNUNG));
        assertThatThrownBy(() -> facturX.adapt(pdf(), xrechnung, france, Map.of()))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("BASIC, EN 16931 or EXTENDED")
                .hasMessageContaining("urn:xeinkauf.de:kosit:xrechnung_3.0");
        assertThatThrownBy(() -> facturX.adapt(pdf(), xrechnung, france, Map.of("language", "fr")))
                .hasMessageStartingWith(
                        "Les destinataires français acceptent Factur-X dans les profils");
        Invoice en16931 = read(Corpus.document(EN16931));
        assertThatThrownBy(() -> facturX.adapt(Corpus.document(EN16931), en16931, france, Map.of()))
                .hasMessage("The document to send as Factur-X is not a PDF.");
    }

    @Test
    void facturXRefusesAFrenchSellerWithoutSiren() throws Exception {
        String noSiren =
                Corpus.text(EN16931).replace("<ram:ID schemeID=\"0002\">123456782</ram:ID>", "");
        Invoice invoice = read(Corpus.document("x.xml", noSiren));
        assertThatThrownBy(() -> facturX.adapt(pdf(), invoice, france, Map.of("language", "de")))
                .hasMessage(
                        "Französische Empfänger können diese Rechnung nicht annehmen: Die Reform"
                                + " verlangt die SIREN des Verkäufers, der in Frankreich ansässig"
                                + " ist, als Kennung der Registereintragung (BT-30, Schema 0002),"
                                + " und die Rechnung gibt keine an.");
    }

    @Test
    void ctcChangesNothingButBt24InAnyCiiOfTheCorpus() throws Exception {
        int adapted = 0;
        for (Path file : Corpus.files("cii")) {
            String text = Corpus.text(file);
            if (!text.contains("CrossIndustryInvoice")) {
                continue;
            }
            String out;
            try {
                out = ctc(text, Map.of());
            } catch (UnreadableInvoiceException e) {
                assertThat(file.getFileName().toString())
                        .as(e.getMessage())
                        .isIn(
                                "01.04a-INVOICE_uncefact.xml",
                                "facturFrMinimum.xml",
                                "factur-x-basicwl.xml");
                continue;
            }
            String expected =
                    text.replaceFirst(
                            "(<(\\w+:)?GuidelineSpecifiedDocumentContextParameter>\\s*<(\\w+:)?ID>)[^<]*<",
                            "$1" + CtcInvoice.SPECIFICATION + "<");
            assertThat(expected).as(file.toString()).isNotEqualTo(text);
            assertThat(out).as(file.toString()).isEqualTo(expected);
            adapted++;
        }
        assertThat(adapted).isEqualTo(42);
    }

    @Test
    void aMissingGuidelineIsInsertedAfterTheBusinessProcessWithTheDocumentsIndent()
            throws Exception {
        String without =
                Corpus.text(EN16931)
                        .replaceFirst(
                                "(?s)\\s*<ram:GuidelineSpecifiedDocumentContextParameter>.*?</ram:GuidelineSpecifiedDocumentContextParameter>",
                                "");
        String out = ctc(without, Map.of());
        assertThat(out)
                .contains(
                        "</ram:BusinessProcessSpecifiedDocumentContextParameter>\r\n"
                                + "          <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>"
                                + CtcInvoice.SPECIFICATION
                                + "</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\r\n"
                                + "     </rsm:ExchangedDocumentContext>");
    }

    @Test
    void ctcNamesEveryMissingFrenchTermInTheDossiersLanguage() throws Exception {
        String broken =
                Corpus.text(EN16931)
                        .replace(
                                "<ram:ID schemeID=\"0002\">123456782</ram:ID>",
                                "<ram:ID schemeID=\"0009\">123456782</ram:ID>")
                        .replace("<ram:ID schemeID=\"0002\">987654321</ram:ID>", "")
                        .replace("<ram:ID schemeID=\"VA\">FR11123456782</ram:ID>", "");

        assertThat(ctcRefusal(broken, "en"))
                .isEqualTo(
                        "French receivers cannot take this invoice: The legal registration"
                                + " identifier of the seller (BT-30) has the scheme '0009', not"
                                + " 0002 (SIREN). The reform requires the seller's VAT identifier"
                                + " (BT-31), and the invoice gives none. The reform requires the"
                                + " SIREN of the buyer, who is in France, as its legal"
                                + " registration identifier (BT-47, scheme 0002), and the invoice"
                                + " gives none.");
        assertThat(ctcRefusal(broken, "fr"))
                .startsWith("Les destinataires français ne peuvent pas recevoir cette facture :")
                .contains(
                        "L'identifiant d'immatriculation légale du vendeur (BT-30) a le schéma « 0009 »")
                .contains("le numéro de TVA du vendeur (BT-31)")
                .contains("le SIREN de l'acheteur, établi en France");
        assertThat(ctcRefusal(broken, "de"))
                .startsWith("Französische Empfänger können diese Rechnung nicht annehmen:")
                .contains("des Verkäufers (BT-30) hat das Schema „0009“")
                .contains("die SIREN des Käufers");
    }

    @Test
    void aSellerOutsideFranceNeedsNoSirenButItsVatId() throws Exception {
        String german =
                Corpus.text(EN16931)
                        .replaceFirst(
                                "<ram:CountryID>FR</ram:CountryID>",
                                "<ram:CountryID>DE</ram:CountryID>")
                        .replace("<ram:ID schemeID=\"0002\">123456782</ram:ID>", "");
        assertThat(german).isNotEqualTo(Corpus.text(EN16931));
        assertThat(ctc(german, Map.of())).contains(CtcInvoice.SPECIFICATION);
    }

    @Test
    void hostileOrForeignXmlIsRefusedWithItsReason() throws Exception {
        Invoice invoice = read(Corpus.document(EN16931));
        Document ubl =
                Corpus.document(SharedCorpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));
        assertThatThrownBy(() -> ctc.adapt(ubl, invoice, choseCtc, Map.of()))
                .hasMessageStartingWith("EXTENDED-CTC-FR is made from a CII CrossIndustryInvoice")
                .hasMessageContaining("Invoice of namespace urn:oasis");
        Document doctype =
                Corpus.document(
                        "x.xml",
                        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                                + " \"file:///etc/passwd\">]><x>&e;</x>");
        assertThatThrownBy(() -> ctc.adapt(doctype, invoice, choseCtc, Map.of()))
                .isInstanceOf(UnreadableInvoiceException.class);
        byte[] large = new byte[XmlEditor.MAX_BYTES + 1];
        assertThatThrownBy(
                        () ->
                                ctc.adapt(
                                        new Document("x.xml", "application/xml", large),
                                        invoice,
                                        choseCtc,
                                        Map.of()))
                .hasMessageStartingWith("The invoice XML has ");
    }
}
