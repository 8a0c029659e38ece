package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.Document;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Deliveries for the tests, changed one field at a time. */
record Deliveries(
        String deliveryId,
        String typeCode,
        String number,
        String amount,
        String currency,
        LocalDate dueDate,
        List<String> emails,
        String language,
        String sender,
        Map<String, Object> settings,
        List<Document> documents) {

    /** The corpus Factur-X PDF every test delivery carries. */
    static final String PDF = "pdf/EN16931_Einfach.pdf";

    static Deliveries invoice(String deliveryId) {
        return new Deliveries(
                deliveryId,
                "380",
                "F-2026-001",
                "1234.50",
                "EUR",
                LocalDate.of(2026, 12, 15),
                List.of("client@customer.test"),
                "fr",
                "ACME SARL",
                Map.of(
                        DossierMailSettings.DISPLAY_NAME, "ACME Facturation",
                        DossierMailSettings.FROM_ADDRESS, "factures@acme.test",
                        DossierMailSettings.REPLY_TO, "compta@acme.test"),
                List.of(new Document("EN16931_Einfach.pdf", "application/pdf", Corpus.bytes(PDF))));
    }

    Deliveries typeCode(String t) {
        return new Deliveries(
                deliveryId,
                t,
                number,
                amount,
                currency,
                dueDate,
                emails,
                language,
                sender,
                settings,
                documents);
    }

    Deliveries dueDate(LocalDate d) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                d,
                emails,
                language,
                sender,
                settings,
                documents);
    }

    Deliveries emails(List<String> e) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                dueDate,
                e,
                language,
                sender,
                settings,
                documents);
    }

    Deliveries language(String l) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                dueDate,
                emails,
                l,
                sender,
                settings,
                documents);
    }

    Deliveries sender(String s) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                dueDate,
                emails,
                language,
                s,
                settings,
                documents);
    }

    Deliveries settings(Map<String, Object> s) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                dueDate,
                emails,
                language,
                sender,
                s,
                documents);
    }

    Deliveries documents(List<Document> d) {
        return new Deliveries(
                deliveryId,
                typeCode,
                number,
                amount,
                currency,
                dueDate,
                emails,
                language,
                sender,
                settings,
                d);
    }

    Delivery delivery() {
        BigDecimal payable = new BigDecimal(amount);
        Invoice invoice =
                new Invoice(
                        number,
                        LocalDate.of(2026, 11, 15),
                        typeCode,
                        currency,
                        dueDate,
                        "",
                        "",
                        new Party("ACME SARL", "", "", "FR12345678901", "", null),
                        new Party("Client SA", "", "", "", "", null),
                        List.of(),
                        List.of(),
                        new DocumentTotals(
                                payable, null, null, payable, null, null, payable, null, null,
                                payable));
        return new Delivery(
                deliveryId,
                "acme",
                "inv-" + deliveryId,
                invoice,
                documents,
                new Recipient("Client SA", emails, null),
                language,
                sender,
                settings);
    }
}
