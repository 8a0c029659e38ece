package io.facteur.itests;

import static io.facteur.itests.PlatformIT.assertProblem;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Documents posted to a dossier are kept durably, once, and tracked on their timeline. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntakeIT extends FacteurTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(String dossier, String type, byte[] body, String auth)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        baseUrl()
                                                + "/api/dossiers/"
                                                + dossier
                                                + "/invoices?name=sample.xml"))
                        .header("Authorization", auth)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void aDocumentIsAcceptedOnceKeptUntouchedAndTracked() throws Exception {
        createDossier("intake");
        byte[] xml =
                ("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:example\"><ID>"
                                + System.nanoTime()
                                + "</ID></Invoice>")
                        .getBytes(StandardCharsets.UTF_8);
        String admin = basic(ADMIN, PASSWORD);

        HttpResponse<String> first = post("intake", "application/xml", xml, admin);
        assertEquals(first.body(), 202, first.statusCode());
        JsonNode accepted = JSON.readTree(first.body());
        String id = accepted.get("id").asText();
        assertEquals("ACCEPTED", accepted.get("outcome").asText());
        assertTrue(
                first.headers().firstValue("Location").orElseThrow().endsWith("/invoices/" + id));

        HttpResponse<String> again = post("intake", "text/xml", xml, admin);
        assertEquals(200, again.statusCode());
        assertEquals(id, JSON.readTree(again.body()).get("id").asText());
        assertEquals("ALREADY_THERE", JSON.readTree(again.body()).get("outcome").asText());

        HttpResponse<byte[]> original =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                baseUrl()
                                                        + "/api/dossiers/intake/invoices/"
                                                        + id
                                                        + "/original"))
                                .header("Authorization", admin)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, original.statusCode());
        assertArrayEquals(xml, original.body());

        JsonNode listed = get("/api/dossiers/intake/invoices").json();
        assertEquals(1, listed.size());
        assertEquals("sample.xml", listed.get(0).get("fileName").asText());

        waitFor(
                () -> get("/api/dossiers/intake/invoices/" + id).json().get("timeline").size() >= 2,
                10_000,
                "the pipeline to look at the document");
        JsonNode timeline = get("/api/dossiers/intake/invoices/" + id).json().get("timeline");
        assertEquals("received", timeline.get(0).get("step").asText());
        assertEquals("detect", timeline.get(1).get("step").asText());

        String sha =
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(xml));
        Path documents = Path.of(System.getProperty("karaf.data"), "facteur", "documents");
        try (var files = Files.walk(documents)) {
            assertEquals(
                    "stored once, named by its hash",
                    1,
                    files.filter(f -> f.getFileName().toString().equals(sha)).count());
        }
    }

    @Test
    public void severalFilesInOneMultipartRequestEachGetTheirResult() throws Exception {
        createDossier("multi");
        String boundary = "----facteur" + System.nanoTime();
        String body =
                part(boundary, "a.xml", "<a>" + System.nanoTime() + "</a>")
                        + part(boundary, "b.xml", "<b>" + System.nanoTime() + "</b>")
                        + "--"
                        + boundary
                        + "--\r\n";
        HttpResponse<String> r =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/multi/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 202, r.statusCode());
        JsonNode results = JSON.readTree(r.body());
        assertEquals(2, results.size());
        assertEquals("a.xml", results.get(0).get("fileName").asText());
        assertEquals("ACCEPTED", results.get(1).get("outcome").asText());
        assertEquals(2, get("/api/dossiers/multi/invoices").json().size());
    }

    private static String part(String boundary, String name, String content) {
        return "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/xml\r\n\r\n"
                + content
                + "\r\n";
    }

    @Test
    public void wrongRequestsAreRefusedWithAProblemAndKeepNothing() throws Exception {
        createDossier("guarded");
        createDossier("other");
        String admin = basic(ADMIN, PASSWORD);
        assertEquals(415, post("guarded", "image/png", new byte[] {1, 2, 3}, admin).statusCode());
        assertEquals(
                404,
                post("nope", "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8), admin)
                        .statusCode());

        HttpResponse<String> tooLarge =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/guarded/invoices"))
                                .header("Authorization", admin)
                                .header("Content-Type", "application/pdf")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                new byte[21 * 1024 * 1024]))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
        assertTrue(
                tooLarge.body(), tooLarge.body().contains("urn:facteur:problem:payload-too-large"));

        String key =
                admin("POST", "/api/dossiers/other/api-keys", "{\"label\":\"ERP\"}")
                        .json()
                        .get("key")
                        .asText();
        assertEquals(
                404,
                post(
                                "guarded",
                                "application/xml",
                                "<x/>".getBytes(StandardCharsets.UTF_8),
                                "Bearer " + key)
                        .statusCode());
        assertEquals(
                202,
                post(
                                "other",
                                "application/xml",
                                "<y/>".getBytes(StandardCharsets.UTF_8),
                                "Bearer " + key)
                        .statusCode());

        assertProblem(
                get("/api/dossiers/guarded/invoices/not-an-id"),
                404,
                "urn:facteur:problem:not-found");
        assertProblem(
                get("/api/dossiers/guarded/invoices?status=LOST"),
                400,
                "urn:facteur:problem:malformed-request");
        assertProblem(
                get("/api/dossiers/guarded/invoices?from=yesterday"),
                400,
                "urn:facteur:problem:malformed-request");
        assertEquals(0, get("/api/dossiers/guarded/invoices").json().size());
        assertEquals("", PlatformIT.errorLines());
    }

    @Test
    public void shellImportsFilesAndListsInvoices() throws Exception {
        createDossier("shell-intake");
        Path file = Files.createTempFile("facteur-", ".xml");
        Files.writeString(file, "<z>" + System.nanoTime() + "</z>");
        String imported = executeCommand("facteur:import --dossier shell-intake " + file);
        assertTrue(imported, imported.contains("accepted"));
        String again = executeCommand("facteur:import -d shell-intake " + file);
        assertTrue(again, again.contains("already there"));
        String listed = executeCommand("facteur:invoices --dossier shell-intake");
        assertTrue(listed, listed.contains(file.getFileName().toString()));
        assertEquals(1, get("/api/dossiers/shell-intake/invoices").json().size());
    }

    @Test
    public void corpusInvoicesAreDetectedAndReadAndBadFilesRejectedWithAReason() throws Exception {
        createDossier("corpus");
        Path corpus = Path.of(System.getProperty("facteur.corpus"));
        String[][] cases = {
            {"pdf/EN16931_Einfach.pdf", "application/pdf", "FACTUR_X"},
            {"cii/factur-x.xml", "application/xml", "CII"},
            {"ubl/01.01a-INVOICE_ubl.xml", "application/xml", "UBL"},
        };
        java.util.Map<String, String[]> ids = new java.util.HashMap<>();
        for (String[] c : cases) {
            HttpResponse<String> r =
                    post(
                            "corpus",
                            c[1],
                            Files.readAllBytes(corpus.resolve(c[0])),
                            basic(ADMIN, PASSWORD));
            assertEquals(r.body(), 202, r.statusCode());
            ids.put(JSON.readTree(r.body()).get("id").asText(), c);
        }
        for (var e : ids.entrySet()) {
            String path = "/api/dossiers/corpus/invoices/" + e.getKey();
            waitFor(() -> get(path).json().has("number"), 30_000, "reading " + e.getValue()[0]);
            JsonNode invoice = get(path).json();
            assertEquals(e.getValue()[0], e.getValue()[2], invoice.get("format").asText());
            assertTrue(invoice.toString(), invoice.get("seller").get("name").asText().length() > 0);
            assertTrue(invoice.toString(), invoice.get("totals").get("payable").isNumber());
            assertTrue(invoice.toString(), invoice.get("lines").get("count").asInt() > 0);
            waitFor(
                    () -> !get(path).json().get("status").asText().equals("RECEIVED"),
                    60_000,
                    "validating " + e.getValue()[0]);
            JsonNode checked = get(path).json();
            assertTrue(
                    checked.toString(),
                    checked.get("validation").get("ruleSets").asText().contains("EN16931"));
            Answer xml = get(path + "/xml");
            assertEquals(200, xml.status());
            assertTrue(
                    xml.header("Content-Type"),
                    xml.header("Content-Type").startsWith("application/xml"));
            assertTrue(
                    e.getValue()[0],
                    xml.body()
                            .contains(
                                    e.getValue()[2].equals("UBL")
                                            ? "urn:oasis:names:specification:ubl"
                                            : "CrossIndustryInvoice"));
            if (!e.getValue()[0].equals("cii/factur-x.xml")) {
                assertEquals(checked.toString(), "READY", checked.get("status").asText());
                assertEquals(0, checked.get("validation").get("errors").asInt());
            }
        }
        HttpResponse<String> bad =
                post(
                        "corpus",
                        "application/pdf",
                        Files.readAllBytes(
                                corpus.resolve(
                                        "bad/MustangGnuaccountingBeispielRE-20201121_508blanko.pdf")),
                        basic(ADMIN, PASSWORD));
        String badPath =
                "/api/dossiers/corpus/invoices/" + JSON.readTree(bad.body()).get("id").asText();
        waitFor(
                () -> get(badPath).json().get("status").asText().equals("REJECTED"),
                30_000,
                "the PDF without an invoice to be rejected");
        assertTrue(get(badPath).json().get("reason").asText().length() > 10);
    }
}
