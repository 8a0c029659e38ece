package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Invoices written online, in the real distribution: issued concurrently with consecutive numbers,
 * each a Factur-X the pipeline reads, validates (EN 16931, Factur-X, PDF/A-3) and archives; the
 * invoicing bundle removed and installed again keeps every draft and the numbering.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InvoicingIT extends FacteurTestSupport {

    private static final String PROFILE =
            "{\"legalName\": \"Atelier Facteur SAS\", \"siren\": \"732829320\","
                    + " \"siret\": \"73282932000074\", \"vatId\": \"FR44732829320\","
                    + " \"address\": {\"line1\": \"12 rue des Lilas\", \"postcode\": \"69003\","
                    + " \"city\": \"Lyon\", \"countryCode\": \"FR\"},"
                    + " \"email\": \"factures@atelier-facteur.fr\", \"phone\": \"+33 4 72 00 00 00\","
                    + " \"iban\": \"FR7630006000011234567890189\", \"bic\": \"AGRIFRPP\","
                    + " \"legalMentions\": \"SAS au capital de 10 000 EUR, RCS Lyon 732 829 320\","
                    + " \"latePaymentText\": \"Indemnité forfaitaire pour frais de recouvrement : 40 EUR.\","
                    + " \"paymentTerm\": {\"kind\": \"DAYS\", \"days\": 30}}";

    private static String draft(int n) {
        return "{\"currency\": \"EUR\", \"paymentMeansCode\": \"58\","
                + " \"buyer\": {\"name\": \"Boulangerie Martin SARL\", \"vatId\": \"FR32552100554\","
                + " \"address\": {\"line1\": \"3 place du Marché\", \"postcode\": \"75011\","
                + " \"city\": \"Paris\", \"countryCode\": \"FR\"},"
                + " \"email\": \"compta@boulangerie-martin.fr\", \"language\": \"fr\"},"
                + " \"lines\": [{\"description\": \"Conseil, séance "
                + n
                + "\", \"quantity\": \"1.5\", \"unit\": \"HUR\", \"unitPrice\": \"120.00\","
                + " \"vatCategory\": \"S\", \"vatRate\": \"20\"},"
                + " {\"description\": \"Livre\", \"quantity\": \""
                + n
                + "\", \"unitPrice\": \"19.90\", \"vatCategory\": \"S\", \"vatRate\": \"5.5\","
                + " \"allowance\": \"1.00\", \"allowanceReason\": \"Remise\"}]}";
    }

    private static final String BASE = "/api/dossiers/online/invoicing";

    private String year() {
        return String.valueOf(LocalDate.now(ZoneId.of("Europe/Paris")).getYear());
    }

    private JsonNode created(int n) throws Exception {
        Answer a = admin("POST", BASE + "/documents", draft(n));
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    private Bundle invoicingBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("io.facteur.invoicing".equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void onlineInvoicesAreIssuedWithConsecutiveNumbersAsValidFacturX() throws Exception {
        createDossier("online");
        waitFor(
                () -> admin("GET", BASE + "/profile", null).status() == 200,
                30_000,
                "the invoicing API");
        Answer refused =
                send(
                        "PUT",
                        BASE + "/profile",
                        PROFILE.replace(
                                "FR7630006000011234567890189", "FR7630006000011234567890100"),
                        basic(ADMIN, PASSWORD),
                        "en");
        assertEquals(refused.body(), 400, refused.status());
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertEquals("/iban", refused.json().path("errors").get(0).path("pointer").asText());
        assertEquals(200, admin("PUT", BASE + "/profile", PROFILE).status());

        // twenty drafts issued at once: twenty consecutive numbers, none twice
        List<JsonNode> drafts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            drafts.add(created(i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<Answer>> issues = new ArrayList<>();
        try {
            for (JsonNode d : drafts) {
                Callable<Answer> issue =
                        () ->
                                admin(
                                        "POST",
                                        BASE + "/documents/" + d.path("id").asText() + "/issue",
                                        "{\"version\": " + d.path("version").asLong() + "}");
                issues.add(threads.submit(issue));
            }
            Set<String> numbers = new TreeSet<>();
            for (Future<Answer> f : issues) {
                Answer a = f.get();
                assertEquals(a.body(), 200, a.status());
                numbers.add(a.json().path("number").asText());
            }
            Set<String> expected = new TreeSet<>();
            for (int i = 1; i <= 20; i++) {
                expected.add(String.format("F%s-%05d", year(), i));
            }
            assertEquals(expected, numbers);
        } finally {
            threads.shutdownNow();
        }

        // each one is in the pipeline: read, valid, archived
        JsonNode first =
                admin("GET", BASE + "/documents/" + drafts.get(0).path("id").asText(), null).json();
        String invoiceId = first.path("inboxDocumentId").asText();
        assertTrue(first.toString(), !invoiceId.isEmpty());
        waitFor(
                () ->
                        admin(
                                        "GET",
                                        "/api/dossiers/online/invoices/" + invoiceId + "?lang=en",
                                        null)
                                .body()
                                .contains("\"READY\""),
                60_000,
                "the issued invoice to be READY");
        JsonNode invoice =
                admin("GET", "/api/dossiers/online/invoices/" + invoiceId + "?lang=en", null)
                        .json();
        JsonNode validation = invoice.path("validation");
        assertEquals(invoice.toString(), 0, validation.path("errors").asInt());
        assertEquals(invoice.toString(), 0, validation.path("warnings").asInt());
        assertTrue(validation.toString(), validation.path("ruleSets").asText().contains("PDF/A-3"));
        assertTrue(validation.toString(), validation.path("ruleSets").asText().contains("EN16931"));
        assertEquals("FACTUR_X", invoice.path("format").asText());

        // its PDF is the archived original
        HttpResponse<byte[]> pdf =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        baseUrl()
                                                                + BASE
                                                                + "/documents/"
                                                                + first.path("id").asText()
                                                                + "/pdf"))
                                        .header("Authorization", basic(ADMIN, PASSWORD))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));
        assertTrue(new String(pdf.body(), StandardCharsets.ISO_8859_1).contains("factur-x.xml"));

        // another dossier's API key sees nothing of it
        createDossier("elsewhere");
        String key =
                admin("POST", "/api/dossiers/elsewhere/api-keys", "{\"label\":\"ERP\"}")
                        .json()
                        .path("key")
                        .asText();
        assertEquals(404, send("GET", BASE + "/documents", null, "Bearer " + key).status());
    }

    @Test
    public void removingTheInvoicingBundleKeepsDraftsAndNumbering() throws Exception {
        createDossier("swapinv");
        String base = "/api/dossiers/swapinv/invoicing";
        waitFor(() -> admin("GET", base + "/profile", null).status() == 200, 30_000, "the API");
        assertEquals(200, admin("PUT", base + "/profile", PROFILE).status());
        JsonNode one = admin("POST", base + "/documents", draft(1)).json();
        Answer issued =
                admin(
                        "POST",
                        base + "/documents/" + one.path("id").asText() + "/issue",
                        "{\"version\": " + one.path("version").asLong() + "}");
        assertEquals(issued.body(), 200, issued.status());
        JsonNode kept = admin("POST", base + "/documents", draft(2)).json();

        Bundle bundle = invoicingBundle();
        bundle.uninstall();
        waitFor(
                () -> admin("GET", base + "/profile", null).status() == 404,
                20_000,
                "the API to go");
        assertEquals(200, send("GET", "/api/health", null, null).status());

        featuresService.uninstallFeature("facteur-invoicing");
        featuresService.installFeature("facteur-invoicing");
        waitFor(
                () -> admin("GET", base + "/profile", null).status() == 200,
                60_000,
                "the API back");

        JsonNode draft = admin("GET", base + "/documents/" + kept.path("id").asText(), null).json();
        assertEquals("DRAFT", draft.path("state").asText());
        Answer next =
                admin(
                        "POST",
                        base + "/documents/" + kept.path("id").asText() + "/issue",
                        "{\"version\": " + draft.path("version").asLong() + "}");
        assertEquals(next.body(), 200, next.status());
        assertEquals(String.format("F%s-%05d", year(), 2), next.json().path("number").asText());
    }
}
