package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.SampleDrafts.allowance;
import static io.facteur.invoicing.internal.SampleDrafts.charge;
import static io.facteur.invoicing.internal.SampleDrafts.draft;
import static io.facteur.invoicing.internal.SampleDrafts.frenchBuyer;
import static io.facteur.invoicing.internal.SampleDrafts.germanBuyer;
import static io.facteur.invoicing.internal.SampleDrafts.line;
import static io.facteur.invoicing.internal.SampleDrafts.seller;
import static io.facteur.invoicing.internal.SampleDrafts.swissBuyer;
import static io.facteur.invoicing.internal.SampleDrafts.withAllowance;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The generated set the proofs of what Facteur issues run over (CII in {@link CiiInvoiceTest},
 * Factur-X in {@link FacturXProofTest}): every VAT category, allowances and charges on lines and on
 * the document, a credit note, a returned line, EUR, USD and CHF, and each language of the labels.
 * Each argument set is a name, a seller and a draft.
 */
final class GeneratedInvoices {

    private GeneratedInvoices() {}

    static Stream<Arguments> invoices() {
        SellerProfile seller = seller();
        SellerProfile noVat =
                new SellerProfile(
                        seller.legalName(),
                        "",
                        seller.siren(),
                        seller.siret(),
                        "",
                        seller.address(),
                        seller.email(),
                        "",
                        seller.iban(),
                        "",
                        null,
                        "",
                        "",
                        seller.paymentTerm());
        return Stream.of(
                Arguments.of(
                        "S, three rates, allowances and charges, fr",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "fr",
                                frenchBuyer(),
                                List.of(
                                        withAllowance(
                                                line("Conseil", "3.5", "120", "S", "20"),
                                                "42.50",
                                                "Remise commerciale"),
                                        withAllowance(
                                                line("Repas", "0.333", "19.99", "S", "10"),
                                                "0.01",
                                                ""),
                                        line("Livres", "7", "1.4285", "S", "5.5")),
                                List.of(
                                        allowance("10", "Remise fidélité", "S", "20"),
                                        allowance("1.5", "", "S", "5.5"),
                                        charge("12.90", "Frais de port", "S", "20")),
                                Map.of())),
                Arguments.of(
                        "Z and S, en",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "en",
                                frenchBuyer(),
                                List.of(
                                        line("Zero rated goods", "10", "3.3333", "Z", "0"),
                                        line("Service", "1", "250", "S", "20")),
                                List.of(),
                                Map.of())),
                Arguments.of(
                        "E with its own code and text, de",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "de",
                                frenchBuyer(),
                                List.of(line("Formation", "2", "450", "E", "0")),
                                List.of(charge("30", "Supports", "E", "0")),
                                Map.of("E", "VATEX-EU-132: Exonération, article 261-4 du CGI"))),
                Arguments.of(
                        "AE reverse charge to Germany, de",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "de",
                                germanBuyer(),
                                List.of(line("Beratung", "12", "95", "AE", "0")),
                                List.of(allowance("40", "Rabatt", "AE", "0")),
                                Map.of())),
                Arguments.of(
                        "K intra-community supply, en",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "en",
                                germanBuyer(),
                                List.of(
                                        line("Machine parts", "250", "4.12", "K", "0"),
                                        withAllowance(
                                                line("Tools", "5", "80", "K", "0"),
                                                "20",
                                                "Volume")),
                                List.of(charge("45", "Freight", "K", "0")),
                                Map.of())),
                Arguments.of(
                        "G export to Switzerland in CHF, fr",
                        seller,
                        draft(
                                false,
                                "CHF",
                                "fr",
                                swissBuyer(),
                                List.of(line("Horloges", "4", "1250", "G", "0")),
                                List.of(),
                                Map.of())),
                Arguments.of(
                        "O not subject to VAT in USD, de",
                        noVat,
                        draft(
                                false,
                                "USD",
                                "de",
                                germanBuyer(),
                                List.of(
                                        line("Schadenersatz", "1", "1000", "O", null),
                                        line("Gebühren", "2", "12.5", "O", null)),
                                List.of(allowance("25", "Kulanz", "O", null)),
                                Map.of())),
                Arguments.of(
                        "L and M (Canary Islands, Ceuta), en",
                        seller,
                        draft(
                                false,
                                "EUR",
                                "en",
                                frenchBuyer(),
                                List.of(
                                        line("IGIC goods", "3", "19.99", "L", "7"),
                                        line("IPSI goods", "1", "80", "M", "4")),
                                List.of(),
                                Map.of())),
                Arguments.of(
                        "credit note, S, en",
                        seller,
                        draft(
                                true,
                                "EUR",
                                "en",
                                frenchBuyer(),
                                List.of(
                                        line("Returned goods", "2", "49.90", "S", "20"),
                                        line("Returned books", "1", "15", "S", "5.5")),
                                List.of(),
                                Map.of())),
                Arguments.of(
                        "invoice in USD with a returned line, fr",
                        seller,
                        draft(
                                false,
                                "USD",
                                "fr",
                                germanBuyer(),
                                List.of(
                                        line("Logiciel", "3", "199", "S", "20"),
                                        line("Retour", "-1", "199", "S", "20")),
                                List.of(),
                                Map.of())));
    }
}
