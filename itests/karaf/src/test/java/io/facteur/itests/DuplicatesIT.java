package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The duplicate check in the distribution: the same invoice as CII over the API and as UBL from the
 * shell is a duplicate of the first, named on its timeline; a user can release it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DuplicatesIT extends FacteurTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    public void theSameInvoiceInAnotherSyntaxByAnotherChannelIsADuplicateAUserCanRelease()
            throws Exception {
        createDossier("twice");
        Path corpus = Path.of(System.getProperty("facteur.corpus"));
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/twice/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "application/xml")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Files.readAllBytes(
                                                        corpus.resolve(
                                                                "cii/01.01a-INVOICE_uncefact.xml"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        String first = JSON.readTree(posted.body()).get("id").asText();
        waitFor(
                () ->
                        get("/api/dossiers/twice/invoices/" + first)
                                .json()
                                .get("timeline")
                                .toString()
                                .contains("\"duplicates\""),
                60_000,
                "the first invoice to be checked");
        assertEquals(
                "READY",
                get("/api/dossiers/twice/invoices/" + first).json().get("status").asText());

        // the same invoice as UBL, by another channel: the shell
        String imported =
                executeCommand(
                        "facteur:import --dossier twice "
                                + corpus.resolve("ubl/01.01a-INVOICE_ubl.xml"));
        assertTrue(imported, imported.contains("accepted"));
        waitFor(
                () -> get("/api/dossiers/twice/invoices?status=DUPLICATE").json().size() == 1,
                60_000,
                "the UBL twin to be found a duplicate");
        String second =
                get("/api/dossiers/twice/invoices?status=DUPLICATE")
                        .json()
                        .get(0)
                        .get("id")
                        .asText();
        JsonNode duplicate = get("/api/dossiers/twice/invoices/" + second + "?lang=en").json();
        assertTrue(duplicate.toString(), duplicate.get("reason").asText().contains(first));
        assertTrue(
                duplicate.toString(),
                duplicate.get("timeline").toString().contains("Duplicate of " + first));

        // a user says it is not one: recorded with who, and it is READY again
        Answer released =
                send(
                        "POST",
                        "/api/dossiers/twice/invoices/" + second + "/not-duplicate?lang=en",
                        null,
                        basic(ADMIN, PASSWORD));
        assertEquals(released.body(), 200, released.status());
        assertEquals("READY", released.json().get("status").asText());
        assertTrue(
                released.body(),
                released.json()
                        .get("timeline")
                        .toString()
                        .contains("Marked as not a duplicate by admin"));
        assertEquals(
                409,
                send(
                                "POST",
                                "/api/dossiers/twice/invoices/" + second + "/not-duplicate",
                                null,
                                basic(ADMIN, PASSWORD))
                        .status());
    }

    @Test
    public void inBlockModeADuplicateIsNeverSentUntilAUserReleasesIt() throws Exception {
        createDossier("strict");
        Answer block =
                admin(
                        "PUT",
                        "/api/dossiers/strict/settings/dossier",
                        "{\"duplicateMode\":\"BLOCK\",\"language\":\"fr\"}");
        assertEquals(block.body(), 200, block.status());
        Path corpus = Path.of(System.getProperty("facteur.corpus"));
        String first = post("strict", corpus.resolve("cii/01.01a-INVOICE_uncefact.xml"));
        waitFor(
                () ->
                        get("/api/dossiers/strict/invoices/" + first)
                                .json()
                                .get("timeline")
                                .toString()
                                .contains("\"duplicates\""),
                60_000,
                "the first invoice to be checked");
        String twin = post("strict", corpus.resolve("ubl/01.01a-INVOICE_ubl.xml"));
        waitFor(
                () ->
                        get("/api/dossiers/strict/invoices/" + twin)
                                .json()
                                .get("status")
                                .asText()
                                .equals("DUPLICATE"),
                60_000,
                "the UBL twin to be found a duplicate");

        // a manual send of the duplicate is refused with the reason, as a problem document
        Answer refused =
                send(
                        "POST",
                        "/api/dossiers/strict/invoices/" + twin + "/send?lang=en",
                        "{}",
                        basic(ADMIN, PASSWORD));
        assertEquals(refused.body(), 409, refused.status());
        assertEquals("urn:facteur:problem:delivery-refused", refused.json().get("type").asText());
        assertTrue(refused.body(), refused.json().get("detail").asText().contains("duplicate"));
        assertTrue(
                refused.body(),
                refused.header("Content-Type").startsWith("application/problem+json"));
        Answer refusedFr =
                send(
                        "POST",
                        "/api/dossiers/strict/invoices/" + twin + "/send?lang=fr",
                        "{}",
                        basic(ADMIN, PASSWORD));
        assertTrue(refusedFr.body(), refusedFr.json().get("detail").asText().contains("doublon"));
        JsonNode timeline =
                get("/api/dossiers/strict/invoices/" + twin + "?lang=en").json().get("timeline");
        assertTrue(timeline.toString(), timeline.toString().contains("Not sent"));
        assertEquals(0, get("/api/dossiers/strict/invoices/" + twin + "/deliveries").json().size());

        // the original goes
        Answer queued =
                send(
                        "POST",
                        "/api/dossiers/strict/invoices/" + first + "/send",
                        "{\"channel\":\"delivery.postal\"}",
                        basic(ADMIN, PASSWORD));
        assertEquals(queued.body(), 202, queued.status());
        assertEquals("QUEUED", queued.json().get("state").asText());
        String delivery = queued.json().get("id").asText();
        // by post: the XML invoice's PDF view behind an address sheet, in the print drop folder
        waitFor(
                () ->
                        get("/api/dossiers/strict/invoices/" + first)
                                .json()
                                .get("status")
                                .asText()
                                .equals("POSTED"),
                60_000,
                "the original to be handed to the print service");
        JsonNode deliveries = get("/api/dossiers/strict/invoices/" + first + "/deliveries").json();
        assertEquals(deliveries.toString(), 1, deliveries.size());
        assertEquals("POSTED", deliveries.get(0).get("state").asText());
        Path outbox = Path.of(System.getProperty("karaf.data"), "facteur", "print-outbox");
        assertTrue(Files.size(outbox.resolve(delivery + ".pdf")) > 1000);
        JsonNode manifest = JSON.readTree(outbox.resolve(delivery + ".json").toFile());
        assertTrue(manifest.toString(), manifest.get("pages").asInt() >= 2);

        // released by a user, the twin may be sent
        assertEquals(
                200,
                send(
                                "POST",
                                "/api/dossiers/strict/invoices/" + twin + "/not-duplicate",
                                null,
                                basic(ADMIN, PASSWORD))
                        .status());
        Answer sent =
                send(
                        "POST",
                        "/api/dossiers/strict/invoices/" + twin + "/send",
                        "{\"channel\":\"delivery.postal\"}",
                        basic(ADMIN, PASSWORD));
        assertEquals(sent.body(), 202, sent.status());

        // a hostile channel id is a clear 400
        assertEquals(
                400,
                send(
                                "POST",
                                "/api/dossiers/strict/invoices/" + twin + "/send",
                                "{\"channel\":\"../../etc\"}",
                                basic(ADMIN, PASSWORD))
                        .status());
    }

    private String post(String dossier, Path file) throws Exception {
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                baseUrl()
                                                        + "/api/dossiers/"
                                                        + dossier
                                                        + "/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "application/xml")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Files.readAllBytes(file)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        return JSON.readTree(posted.body()).get("id").asText();
    }
}
