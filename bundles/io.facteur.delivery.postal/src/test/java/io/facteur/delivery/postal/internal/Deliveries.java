package io.facteur.delivery.postal.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.Document;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Deliveries for the tests: a French seller's invoice to a customer, with the corpus's PDFs. */
final class Deliveries {

    static final PostalAddress SELLER_ADDRESS =
            new PostalAddress("12 rue de la Paix", "", "Paris", "75002", "FR");

    static final Party SELLER =
            new Party(
                    "Atelier Léa Dupré SARL", "", "812345678", "FR12812345678", "", SELLER_ADDRESS);

    static final PostalAddress BERLIN =
            new PostalAddress("Große Straße 5", "Hinterhaus", "Berlin", "10115", "DE");

    static final PostalAddress LYON =
            new PostalAddress("3 place Bellecour", "", "Lyon", "69002", "FR");

    private Deliveries() {}

    static Invoice invoice(String number, String typeCode, PostalAddress buyerAddress) {
        BigDecimal amount = new BigDecimal("1234.50");
        return new Invoice(
                number,
                LocalDate.of(2026, 11, 20),
                typeCode,
                "EUR",
                LocalDate.of(2026, 12, 20),
                "PO-4711",
                "",
                SELLER,
                new Party("Müller & Söhne GmbH", "", "", "", "", buyerAddress),
                List.of(),
                List.of(),
                new DocumentTotals(
                        amount, null, null, amount, null, null, amount, null, null, amount));
    }

    static Delivery to(String name, PostalAddress address, String language, Document... documents) {
        return delivery("dlv-0001", name, address, language, documents);
    }

    static Delivery delivery(
            String id, String name, PostalAddress address, String language, Document... documents) {
        List<Document> files =
                documents.length == 0
                        ? List.of(Corpus.pdf("pdf/EN16931_Einfach.pdf"))
                        : List.of(documents);
        return new Delivery(
                id,
                "acme",
                "inv-42",
                invoice("F-2026-0042", "380", address),
                files,
                new Recipient(name, List.of(), address),
                language,
                "Atelier Léa Dupré",
                Map.of());
    }

    static Delivery berlin(Document... documents) {
        return to("Jürgen Weiß", BERLIN, "de", documents);
    }
}
