package io.facteur.itests;

import static io.facteur.itests.PlatformIT.assertProblem;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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

    @Test
    public void hostileRequestsGetAClearAnswerAndNothingWrongIsKept() throws Exception {
        createDossier("hostile");
        String admin = basic(ADMIN, PASSWORD);

        // an empty body is refused as such, not stored
        HttpResponse<String> empty = post("hostile", "application/pdf", new byte[0], admin);
        assertProblem(
                new Answer(empty.statusCode(), empty.body(), empty.headers()),
                400,
                "urn:facteur:problem:malformed-request");
        assertTrue(empty.body(), empty.body().contains("empty"));

        // a body that lies about its type is read for what it is
        byte[] cii =
                Files.readAllBytes(
                        Path.of(System.getProperty("facteur.corpus")).resolve("cii/factur-x.xml"));
        HttpResponse<String> lying = post("hostile", "application/pdf", cii, admin);
        assertEquals(lying.body(), 202, lying.statusCode());
        String ciiId = JSON.readTree(lying.body()).get("id").asText();
        HttpResponse<String> png =
                post(
                        "hostile",
                        "application/xml",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0},
                        admin);
        assertEquals(png.body(), 202, png.statusCode());
        String pngId = JSON.readTree(png.body()).get("id").asText();

        // one multipart request: an empty part, a name in Latin-1 bytes, an RFC 5987 UTF-8 name
        String boundary = "----facteur" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\";"
                                + " filename=\"vide.xml\"\r\nContent-Type: application/xml\r\n\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\";"
                                + " filename=\"factur\u00e9\u00e9.xml\"\r\nContent-Type: application/xml\r\n\r\n<a>"
                                + System.nanoTime()
                                + "</a>\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\";"
                                + " filename*=UTF-8''re%C3%A7u%0D%0A.xml\r\nContent-Type: application/xml\r\n\r\n<b>"
                                + System.nanoTime()
                                + "</b>\r\n--"
                                + boundary
                                + "--\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> parts =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/hostile/invoices"))
                                .header("Authorization", admin)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(parts.body(), 202, parts.statusCode());
        JsonNode results = JSON.readTree(parts.body());
        assertEquals(parts.body(), 3, results.size());
        assertEquals("REJECTED", results.get(0).get("outcome").asText());
        assertTrue(results.get(0).get("reason").asText().contains("empty"));
        assertEquals("ACCEPTED", results.get(1).get("outcome").asText());
        assertEquals("ACCEPTED", results.get(2).get("outcome").asText());
        for (int i = 1; i <= 2; i++) {
            String stored =
                    get("/api/dossiers/hostile/invoices/" + results.get(i).get("id").asText())
                            .json()
                            .get("fileName")
                            .asText();
            assertTrue(stored, stored.endsWith(".xml"));
            assertFalse(stored, stored.chars().anyMatch(Character::isISOControl));
        }

        String ciiPath = "/api/dossiers/hostile/invoices/" + ciiId;
        waitFor(
                () -> !get(ciiPath).json().get("status").asText().equals("RECEIVED"),
                60_000,
                "validating the XML posted as a PDF");
        assertEquals("CII", get(ciiPath).json().get("format").asText());
        // the timeline is said in the asked language
        JsonNode german = get(ciiPath + "?lang=de").json().get("timeline");
        assertTrue(german.toString(), german.get(0).get("detail").asText().contains("empfangen"));
        JsonNode french = get(ciiPath + "?lang=fr").json().get("timeline");
        assertTrue(french.toString(), french.get(0).get("detail").asText().startsWith("Reçu"));
        waitFor(
                () ->
                        get("/api/dossiers/hostile/invoices/" + pngId)
                                .json()
                                .get("status")
                                .asText()
                                .equals("REJECTED"),
                30_000,
                "rejecting a PNG posted as XML");
        assertFalse(
                get("/api/dossiers/hostile/invoices/" + pngId)
                        .json()
                        .get("reason")
                        .asText()
                        .isBlank());
        // four invoices kept: the lying XML, the PNG (rejected with its reason), two parts
        assertEquals(4, get("/api/dossiers/hostile/invoices").json().size());
        assertEquals("", PlatformIT.errorLines());
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
            // a PDF to look at: the PDF itself, or the XML laid out in the asked language
            HttpResponse<byte[]> pdf =
                    client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + path + "/pdf?lang=de"))
                                    .header("Authorization", basic(ADMIN, PASSWORD))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(e.getValue()[0], 200, pdf.statusCode());
            assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1));
            if (e.getValue()[1].equals("application/pdf")) {
                assertArrayEquals(Files.readAllBytes(corpus.resolve(e.getValue()[0])), pdf.body());
                // Factur-X profile rules and PDF/A-3 ran on it, inside Karaf
                String ruleSets = checked.get("validation").get("ruleSets").asText();
                assertTrue(ruleSets, ruleSets.contains("Factur-X"));
                assertTrue(ruleSets, ruleSets.contains("PDF/A"));
            } else {
                assertEquals("de", pdf.headers().firstValue("Content-Language").orElse(""));
            }
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
