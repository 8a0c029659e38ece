package io.facteur.adapter.peppol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.format.ubl.internal.UblReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Peppol adapter writes, byte for byte, and whom it serves. */
class PeppolAdapterTest {

    private final PeppolAdapter adapter = new PeppolAdapter();
    private final Receiver withBuyer = new Receiver("BE", "", Map.of("BT-49", PeppolCorpus.BUYER));

    @TempDir Path temp;

    @Test
    void servesTheNordicAndBeneluxCountriesAndWhoeverChoseIt() {
        for (String country : Set.of("BE", "NL", "LU", "NO", "SE", "DK", "FI", "IS", "be")) {
            assertThat(adapter.serves(new Receiver(country, "", Map.of()))).as(country).isTrue();
        }
        assertThat(adapter.serves(new Receiver("DE", "", Map.of()))).isFalse();
        assertThat(adapter.serves(new Receiver("FR", null, null))).isFalse();
        assertThat(adapter.serves(new Receiver("DE", "adapter.peppol", Map.of()))).isTrue();
        assertThat(adapter.serves(new Receiver("BE", "adapter.xrechnung.ubl", Map.of()))).isFalse();
        assertThat(adapter.target().syntax()).isEqualTo("UBL");
        assertThat(adapter.target().specification())
                .isEqualTo(
                        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
        assertThat(adapter.target().adds()).isEqualTo(Set.of("BT-23", "BT-24", "BT-49"));
    }

    @Test
    void changesTheSpecificationAndTheBuyersAddressAndNothingElse() throws Exception {
        Path file = PeppolCorpus.writeTo(temp).resolve("01.01a-INVOICE_ubl.xml");
        Document source = Corpus.document(file);

        String out = adapt(source, withBuyer);

        String expected =
                Corpus.text(file)
                        .replace(
                                "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0<",
                                "<cbc:CustomizationID>" + Peppol.SPECIFICATION + "<")
                        .replace(
                                "<cbc:EndpointID schemeID=\"EM\">buyer@info.de</cbc:EndpointID>",
                                "<cbc:EndpointID schemeID=\"0208\">0123456749</cbc:EndpointID>");
        assertThat(out).isEqualTo(expected);
        // the business process was Peppol's already: kept
        assertThat(out)
                .contains(
                        "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>");
    }

    @Test
    void addsTheBuyersAddressAndTheBusinessProcessWhereUblWantsThem() throws Exception {
        String text =
                Corpus.text(PeppolCorpus.writeTo(temp).resolve("01.01a-INVOICE_ubl.xml"))
                        .replace(
                                "\n            <cbc:EndpointID schemeID=\"EM\">buyer@info.de</cbc:EndpointID>",
                                "")
                        .replace(
                                "\n    <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>",
                                "");
        Document source = new Document("x.xml", null, text.getBytes(StandardCharsets.UTF_8));

        String out = adapt(source, withBuyer);

        assertThat(out)
                .contains(
                        "<cbc:CustomizationID>"
                                + Peppol.SPECIFICATION
                                + "</cbc:CustomizationID>\n"
                                + "    <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n"
                                + "    <cbc:ID>123456XX</cbc:ID>")
                .contains(
                        "<cac:AccountingCustomerParty>\n        <cac:Party>\n"
                                + "            <cbc:EndpointID schemeID=\"0208\">0123456749</cbc:EndpointID>\n"
                                + "            <cac:PartyIdentification>");
    }

    @Test
    void refusesWithTheReasonWhenAnAddressCannotBeHad() throws Exception {
        Document asIs =
                Corpus.document(SharedCorpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));
        Document addressed =
                Corpus.document(PeppolCorpus.writeTo(temp).resolve("01.01a-INVOICE_ubl.xml"));
        Invoice invoice = new UblReader().read(addressed);

        assertThatThrownBy(() -> adapter.adapt(asIs, invoice, withBuyer, Map.of()))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageStartingWith(
                        "Peppol does not route invoices by the seller's electronic address BT-34 in the scheme \"EM\"");
        assertThatThrownBy(
                        () ->
                                adapter.adapt(
                                        addressed,
                                        invoice,
                                        new Receiver("BE", "", Map.of()),
                                        Map.of("language", "de")))
                .hasMessageStartingWith(
                        "Peppol stellt Rechnungen nicht über die elektronische Adresse des Käufers BT-49 im Schema „EM“ zu");
        assertThatThrownBy(
                        () ->
                                adapter.adapt(
                                        addressed,
                                        invoice,
                                        new Receiver("BE", "", Map.of("BT-49", "0123456749")),
                                        Map.of("language", "fr")))
                .hasMessageStartingWith(
                        "L'adresse électronique de l'acheteur de la fiche du client, « 0123456749 », n'est pas de la forme schéma:identifiant");
        assertThatThrownBy(
                        () ->
                                adapter.adapt(
                                        addressed,
                                        invoice,
                                        new Receiver(
                                                "BE", "", Map.of("BT-49", "EM:buyer@example.com")),
                                        Map.of()))
                .hasMessageContaining("in the scheme \"EM\"");
        assertThatThrownBy(
                        () ->
                                adapter.adapt(
                                        addressed,
                                        invoice,
                                        new Receiver(
                                                "BE",
                                                "",
                                                Map.of("BT-49", "0208:" + "1".repeat(101))),
                                        Map.of()))
                .hasMessageContaining("is not scheme:identifier");
    }

    @Test
    void hostileOrForeignXmlIsRefusedWithAReason() throws Exception {
        Document addressed =
                Corpus.document(PeppolCorpus.writeTo(temp).resolve("01.01a-INVOICE_ubl.xml"));
        Invoice invoice = new UblReader().read(addressed);
        Document doctype =
                new Document(
                        "x.xml",
                        null,
                        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                                .getBytes(StandardCharsets.UTF_8));
        Document cii =
                Corpus.document(SharedCorpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        assertThatThrownBy(() -> adapter.adapt(doctype, invoice, withBuyer, Map.of()))
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> adapter.adapt(cii, invoice, withBuyer, Map.of()))
                .hasMessageStartingWith("Peppol BIS is made from a UBL 2.1 Invoice or CreditNote");
    }

    private String adapt(Document source, Receiver receiver) throws UnreadableInvoiceException {
        Invoice invoice = new UblReader().read(source);
        return new String(
                adapter.adapt(source, invoice, receiver, Map.of()).content(),
                StandardCharsets.UTF_8);
    }
}
