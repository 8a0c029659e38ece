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
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Removing a capability while invoices need it leaves them waiting, not failed, and the platform
 * serving; installing it again resumes them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends FacteurTestSupport {

    private boolean readersInstalled() throws Exception {
        for (JsonNode c : get("/api/capabilities").json()) {
            if (c.get("kind").asText().equals("INVOICE_READER")) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void invoicesWaitForARemovedReaderAndResumeWhenItComesBack() throws Exception {
        createDossier("swap");
        featuresService.uninstallFeature("facteur-format");
        waitFor(() -> !readersInstalled(), 10_000, "the readers to leave");
        assertEquals(200, send("GET", "/api/health", null, null).status());

        Path invoice =
                Path.of(System.getProperty("facteur.corpus"), "ubl", "01.02a-INVOICE_ubl.xml");
        HttpResponse<String> posted =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        baseUrl() + "/api/dossiers/swap/invoices"))
                                        .header("Authorization", basic(ADMIN, PASSWORD))
                                        .header("Content-Type", "application/xml")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofByteArray(
                                                        Files.readAllBytes(invoice)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        String path =
                "/api/dossiers/swap/invoices/" + JSON.readTree(posted.body()).get("id").asText();
        waitFor(
                () -> get(path).json().get("timeline").toString().contains("waiting"),
                10_000,
                "the invoice to wait for a reader");
        assertEquals("RECEIVED", get(path).json().get("status").asText());

        featuresService.installFeature("facteur-format");
        waitFor(() -> readersInstalled(), 10_000, "the readers to come back");
        waitFor(
                () -> get(path).json().get("status").asText().equals("READY"),
                60_000,
                "the waiting invoice to be read and validated");
        JsonNode done = get(path).json();
        assertEquals("UBL", done.get("format").asText());
        assertTrue(done.toString(), done.get("number").asText().length() > 0);
        assertEquals("", PlatformIT.errorLines());
    }

    private boolean installed(String kind) throws Exception {
        for (JsonNode c : get("/api/capabilities").json()) {
            if (c.get("kind").asText().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void invoicesWaitForARemovedDuplicateCheckAndArchiveAndResumeWhenTheyComeBack()
            throws Exception {
        createDossier("legal");
        featuresService.uninstallFeature("facteur-archive");
        featuresService.uninstallFeature("facteur-duplicates");
        waitFor(
                () -> !installed("ARCHIVE") && !installed("DUPLICATE_CHECK"),
                10_000,
                "the archive and the duplicate check to leave");
        assertEquals(200, send("GET", "/api/health", null, null).status());

        Path invoice = Path.of(System.getProperty("facteur.corpus"), "cii", "factur-x.xml");
        HttpResponse<String> posted =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        baseUrl() + "/api/dossiers/legal/invoices"))
                                        .header("Authorization", basic(ADMIN, PASSWORD))
                                        .header("Content-Type", "application/xml")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofByteArray(
                                                        Files.readAllBytes(invoice)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        String path =
                "/api/dossiers/legal/invoices/" + JSON.readTree(posted.body()).get("id").asText();
        waitFor(
                () ->
                        get(path + "?lang=en")
                                .json()
                                .get("timeline")
                                .toString()
                                .contains("No duplicate check is installed"),
                60_000,
                "the invoice to wait for a duplicate check");
        assertEquals(503, get(path + "/proof").status());

        featuresService.installFeature("facteur-duplicates");
        waitFor(
                () ->
                        get(path + "?lang=en")
                                .json()
                                .get("timeline")
                                .toString()
                                .contains("No archive is installed"),
                60_000,
                "the invoice to be checked, then to wait for the archive");

        featuresService.installFeature("facteur-archive");
        waitFor(
                () ->
                        get(path + "?lang=en")
                                .json()
                                .get("timeline")
                                .toString()
                                .contains("Archived (SHA-256"),
                60_000,
                "the waiting invoice to be archived");
        Answer proof = get(path + "/proof");
        assertEquals(proof.body(), 200, proof.status());
        assertEquals(
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(invoice))),
                proof.json().get("sha256").asText());
        assertEquals("READY", get(path).json().get("status").asText());
        assertEquals("", PlatformIT.errorLines());
    }

    @Test
    public void theImportChannelsComeAndGoWhileThePlatformRuns() throws Exception {
        createDossier("channels");
        featuresService.uninstallFeature("facteur-channel-api");
        featuresService.uninstallFeature("facteur-channel-mail");
        waitFor(
                () -> !capabilityListed("channel.api") && !capabilityListed("channel.mail"),
                30_000,
                "the import channels to leave");
        waitFor(
                () -> get("/api/dossiers/channels/webhooks").status() == 404,
                30_000,
                "the webhooks resource to leave");
        assertEquals(200, send("GET", "/api/health", null, null).status());
        assertEquals(404, get("/api/mail-import/rejected").status());

        featuresService.installFeature("facteur-channel-api");
        featuresService.installFeature("facteur-channel-mail");
        waitFor(
                () -> capabilityListed("channel.api") && capabilityListed("channel.mail"),
                30_000,
                "the import channels to come back");
        // their resources join the running application
        waitFor(
                () ->
                        get("/api/dossiers/channels/webhooks").status() == 200
                                && get("/api/mail-import/rejected").status() == 200
                                && get("/api/dossiers/channels/mail-import").status() == 200,
                60_000,
                "the channels' resources to answer");
        assertEquals("", PlatformIT.errorLines());
    }

    private boolean capabilityListed(String id) throws Exception {
        for (JsonNode c : get("/api/capabilities").json()) {
            if (c.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
