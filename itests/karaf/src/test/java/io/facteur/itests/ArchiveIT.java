package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The legal archive in the distribution: every read invoice is archived by the pipeline, its proof
 * names its hash and, once sealed, its seal; tampering with an archived file is found and named.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArchiveIT extends FacteurTestSupport {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    public void anImportedInvoiceIsArchivedProvenSealedAndItsTamperingFound() throws Exception {
        createDossier("kept");
        byte[] original =
                Files.readAllBytes(
                        Path.of(System.getProperty("facteur.corpus"), "cii", "factur-x.xml"));
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/kept/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(original))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        String id = JSON.readTree(posted.body()).get("id").asText();
        String path = "/api/dossiers/kept/invoices/" + id;
        waitFor(
                () -> get(path).json().get("timeline").toString().contains("\"archive\""),
                60_000,
                "the invoice to be archived");

        // the proof names the original's SHA-256; sealed on demand, it carries its seal
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
        JsonNode proof = get(path + "/proof").json();
        assertEquals(proof.toString(), sha, proof.get("sha256").asText());
        assertEquals(200, admin("POST", "/api/dossiers/kept/archive/seal", null).status());
        JsonNode sealed = get(path + "/proof").json();
        assertTrue(sealed.toString(), sealed.get("seal").has("merkleRoot"));

        JsonNode intact = get("/api/dossiers/kept/archive/verify").json();
        assertTrue(intact.toString(), intact.get("intact").asBoolean());
        assertEquals(1, intact.get("entriesChecked").asInt());

        Answer export = get("/api/dossiers/kept/archive/export");
        assertEquals(200, export.status());
        assertTrue(export.header("Content-Type"), export.header("Content-Type").contains("zip"));

        // one byte of the archived original flipped on disk
        Path blob;
        try (Stream<Path> files =
                Files.walk(Path.of(System.getProperty("karaf.data"), "facteur", "archive"))) {
            blob =
                    files.filter(f -> f.getFileName().toString().equals(sha))
                            .findFirst()
                            .orElseThrow();
        }
        blob.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        JsonNode broken = get("/api/dossiers/kept/archive/verify").json();
        assertFalse(broken.toString(), broken.get("intact").asBoolean());
        assertEquals(broken.toString(), 1, broken.get("problems").size());
        assertEquals("CHANGED", broken.get("problems").get(0).get("kind").asText());
        assertEquals(id, broken.get("problems").get(0).get("documentId").asText());
        String shell = executeCommand("facteur:archive-verify --dossier kept");
        assertTrue(shell, shell.contains("NOT INTACT") && shell.contains(id));
        // the platform goes on
        assertEquals(200, get("/api/health").status());
    }
}
