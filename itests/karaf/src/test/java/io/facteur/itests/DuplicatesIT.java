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
}
