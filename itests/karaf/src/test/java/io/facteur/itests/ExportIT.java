package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Export over SFTP in the distribution, against a real SFTP server (Apache MINA SSHD, the one Karaf
 * ships for its console, started in the container by the test): the SFTP connector kind is
 * hot-installed into the running platform, a connector is configured over REST, tested (the host
 * key is shown, then confirmed), switched on; an imported Factur-X lands on the server as the CII
 * it carries. With the connector kind uninstalled, the next export waits; reinstalled, it goes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExportIT extends FacteurTestSupport {
    private static final String FEATURE = "facteur-export-sftp";
    private final HttpClient client = HttpClient.newHttpClient();
    private SshServer sshd;
    private Path root;

    @Before
    public void startSftpServer() throws Exception {
        root = Files.createTempDirectory("sftp-root");
        Files.createDirectories(root.resolve("in"));
        Path hostKey = Files.createTempDirectory("sftp-key").resolve("host.ser");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(freePort());
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        sshd.setPasswordAuthenticator(
                (user, password, session) -> user.equals("compta") && password.equals("s3cret"));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
    }

    @After
    public void stopSftpServer() throws Exception {
        if (sshd != null) {
            sshd.stop(true);
        }
    }

    @Test
    public void anSftpConnectorHotInstalledTestedAndSwitchedOnReceivesInvoicesAndWaitsWhileRemoved()
            throws Exception {
        createDossier("exp");
        // the platform runs without the SFTP connector kind, then an operator installs it
        if (featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.uninstallFeature(FEATURE);
        }
        Answer missing = admin("POST", "/api/dossiers/exp/connectors", connector("s3cret"));
        assertEquals(missing.body(), 409, missing.status());
        assertEquals(
                "urn:facteur:problem:connector-kind-missing", missing.json().get("type").asText());

        featuresService.installFeature(FEATURE);
        waitFor(
                () -> get("/api/capabilities").body().contains("\"export.sftp\""),
                60_000,
                "the SFTP connector kind in the registry");
        waitForApi();

        // a wrong password: the test says so, the connector stays a draft
        Answer made = admin("POST", "/api/dossiers/exp/connectors", connector("wrong"));
        assertEquals(made.body(), 201, made.status());
        String c = made.json().get("id").asText();
        String path = "/api/dossiers/exp/connectors/" + c;
        assertEquals("DRAFT", made.json().get("state").asText());
        assertFalse(made.body(), made.body().contains("wrong")); // secrets are never read back

        Answer activate = admin("PUT", path, "{\"state\":\"ACTIVE\"}");
        assertEquals(activate.body(), 409, activate.status());
        assertEquals(
                "urn:facteur:problem:connector-not-tested", activate.json().get("type").asText());

        // the first test shows the server's host key to confirm
        JsonNode first = admin("POST", path + "/test?lang=en", "").json();
        assertFalse(first.toString(), first.get("success").asBoolean());
        String fingerprint = first.get("confirm").get("hostKey").asText();
        assertTrue(fingerprint, fingerprint.startsWith("SHA256:"));
        Answer trusted =
                admin(
                        "PUT",
                        path,
                        "{\"settings\":{"
                                + settings("")
                                + ",\"hostKey\":\""
                                + fingerprint
                                + "\"}}");
        assertEquals(trusted.body(), 200, trusted.status());

        JsonNode refused = admin("POST", path + "/test?lang=fr", "").json();
        assertFalse(refused.toString(), refused.get("success").asBoolean());
        assertEquals("DRAFT", get(path).json().get("state").asText());

        // the right password: tested, then switched on
        Answer fixed =
                admin(
                        "PUT",
                        path,
                        "{\"settings\":{"
                                + settings("s3cret")
                                + ",\"hostKey\":\""
                                + fingerprint
                                + "\"}}");
        assertEquals(fixed.body(), 200, fixed.status());
        JsonNode ok = admin("POST", path + "/test?lang=en", "").json();
        assertTrue(ok.toString(), ok.get("success").asBoolean());
        assertEquals("TESTED", ok.get("connector").get("state").asText());
        assertEquals(200, admin("PUT", path, "{\"state\":\"ACTIVE\"}").status());
        assertEquals("ACTIVE", get(path).json().get("state").asText());
        // the probe was removed
        try (Stream<Path> files = Files.list(root.resolve("in"))) {
            assertEquals(0, files.count());
        }

        // an imported Factur-X: exported as the CII XML it carries, byte for byte
        String id = post("pdf/EN16931_Einfach.pdf");
        String invoice = "/api/dossiers/exp/invoices/" + id;
        waitFor(() -> exported(c) >= 1, 90_000, "the export to the SFTP server");
        String number = get(invoice).json().get("number").asText();
        Path file = root.resolve("in").resolve(number + "-" + id + ".xml");
        assertTrue(Files.exists(file));
        assertTrue(Arrays.equals(bytes(invoice + "/xml"), Files.readAllBytes(file)));
        JsonNode export = get(path + "/exports").json().get(0);
        assertEquals(export.toString(), "CII", export.get("format").asText());
        assertTrue(
                export.toString(),
                export.get("detail").asText().endsWith(number + "-" + id + ".xml"));
        assertTrue(get(invoice + "?lang=en").body().contains("Exported to Compta"));

        // the connector kind uninstalled: the next export waits, and goes once it is back
        featuresService.uninstallFeature(FEATURE);
        waitForApi();
        String second = post("pdf/EN16931_1_Teilrechnung.pdf");
        waitFor(
                () ->
                        get("/api/dossiers/exp/invoices/" + second + "?lang=en")
                                .body()
                                .contains("is not installed"),
                90_000,
                "the export to wait for its connector kind");
        assertEquals(1, exported(c));
        assertEquals("QUEUED", get(path + "/exports").json().get(0).get("state").asText());
        assertFalse(get(path).json().get("installed").asBoolean());

        featuresService.installFeature(FEATURE);
        waitForApi();
        waitFor(() -> exported(c) == 2, 90_000, "the waiting export once the kind is back");
        String secondNumber =
                get("/api/dossiers/exp/invoices/" + second).json().get("number").asText();
        assertTrue(Files.exists(root.resolve("in").resolve(secondNumber + "-" + second + ".xml")));
        // nothing half: no temporary file left behind
        try (Stream<Path> files = Files.list(root.resolve("in"))) {
            assertEquals(2, files.count());
        }
        assertEquals("", PlatformIT.errorLines());
    }

    @Test
    public void aGermanCustomerReceivesXRechnungWithItsLeitwegIdChecked() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.installFeature(FEATURE);
            waitForApi();
        }
        waitFor(
                () -> get("/api/capabilities").body().contains("\"adapter.xrechnung.ubl\""),
                60_000,
                "the XRechnung adapter in the registry");
        createDossier("recv");
        Answer allowed =
                admin(
                        "PUT",
                        "/api/dossiers/recv/settings/dossier",
                        "{\"language\":\"de\",\"allowReceiverXmlChanges\":true}");
        assertEquals(allowed.body(), 200, allowed.status());
        // the directory knows the public buyer's Leitweg-ID before its first invoice
        Answer customer =
                admin(
                        "POST",
                        "/api/dossiers/recv/customers",
                        "{\"name\":\"[Buyer name]\",\"identifier\":\"[Buyer identifier]\","
                                + "\"buyerReference\":\"991-01234-56\"}");
        assertEquals(customer.body(), 201, customer.status());

        String base = "/api/dossiers/recv/connectors";
        Answer made =
                admin(
                        "POST",
                        base,
                        "{\"kind\":\"export.sftp\",\"name\":\"Behörde\",\"documents\":\"ALL\","
                                + "\"statuses\":[\"READY\"],\"format\":\"receiver\",\"settings\":{"
                                + settings("s3cret").replace("{number}-{invoice}", "recv-{invoice}")
                                + "}}");
        assertEquals(made.body(), 201, made.status());
        String path = base + "/" + made.json().get("id").asText();
        String fingerprint =
                admin("POST", path + "/test", "").json().get("confirm").get("hostKey").asText();
        assertEquals(
                200,
                admin(
                                "PUT",
                                path,
                                "{\"settings\":{"
                                        + settings("s3cret")
                                                .replace("{number}-{invoice}", "recv-{invoice}")
                                        + ",\"hostKey\":\""
                                        + fingerprint
                                        + "\"}}")
                        .status());
        assertTrue(admin("POST", path + "/test", "").json().get("success").asBoolean());
        assertEquals(200, admin("PUT", path, "{\"state\":\"ACTIVE\"}").status());

        String id = postTo("recv", "cii/01.01a-INVOICE_uncefact.xml", "application/xml");
        waitFor(
                () -> Files.exists(root.resolve("in").resolve("recv-" + id + ".xml")),
                90_000,
                "the XRechnung on the SFTP server");
        String xml = Files.readString(root.resolve("in").resolve("recv-" + id + ".xml"));
        assertTrue(xml, xml.contains("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"));
        assertTrue(xml, xml.contains("xrechnung_3.0"));
        assertTrue(xml, xml.contains(">991-01234-56<"));
        String timeline = get("/api/dossiers/recv/invoices/" + id + "?lang=en").body();
        assertTrue(timeline, timeline.contains("Adapted by adapter.xrechnung.ubl"));
        assertTrue(timeline, timeline.contains("BT-10 = 991-01234-56"));
        assertTrue(timeline, timeline.contains("XML compared: nothing else in the file changed"));
        assertEquals("", PlatformIT.errorLines());
    }

    @Test
    public void anHttpConnectorToAPrivateOrMetadataAddressFailsItsTestAndStaysInactive()
            throws Exception {
        createDossier("exphttp");
        String base = "/api/dossiers/exphttp/connectors";
        // a bad format and an unknown status: refused field by field, nothing made
        Answer bad =
                admin(
                        "POST",
                        base,
                        "{\"kind\":\"export.http\",\"name\":\"\",\"documents\":\"ALL\","
                                + "\"statuses\":[\"NOPE\"],\"format\":\"PDF/Z\","
                                + "\"settings\":{\"url\":\"https://erp.example/in\"}}");
        assertEquals(bad.body(), 400, bad.status());
        assertTrue(bad.body(), bad.body().contains("statuses"));
        assertEquals("[]", get(base).json().toString());

        for (String url :
                List.of("http://169.254.169.254/latest/meta-data/", "https://127.0.0.1:9/in")) {
            Answer made =
                    admin(
                            "POST",
                            base,
                            "{\"kind\":\"export.http\",\"name\":\"ERP\",\"documents\":\"ALL\","
                                    + "\"statuses\":[\"READY\"],\"format\":\"original\","
                                    + "\"settings\":{\"url\":\""
                                    + url
                                    + "\",\"allowHttp\":true}}");
            assertEquals(made.body(), 201, made.status());
            String path = base + "/" + made.json().get("id").asText();
            JsonNode test = admin("POST", path + "/test?lang=en", "").json();
            assertFalse(test.toString(), test.get("success").asBoolean());
            assertTrue(test.toString(), test.get("message").asText().length() > 10);
            assertEquals("DRAFT", get(path).json().get("state").asText());
            assertEquals(409, admin("PUT", path, "{\"state\":\"ACTIVE\"}").status());
        }
        // connectors carry secrets: an API key of the dossier does not see them
        Answer issued = admin("POST", "/api/dossiers/exphttp/api-keys", "{\"label\":\"ERP\"}");
        assertEquals(issued.body(), 201, issued.status());
        Answer asKey = send("GET", base, null, "Bearer " + issued.json().get("key").asText());
        assertEquals(asKey.body(), 403, asKey.status());
        assertEquals("", PlatformIT.errorLines());
    }

    private String connector(String password) {
        return "{\"kind\":\"export.sftp\",\"name\":\"Compta\",\"documents\":\"ALL\","
                + "\"statuses\":[\"READY\"],\"format\":\"CII\",\"settings\":{"
                + settings(password)
                + "}}";
    }

    private String settings(String password) {
        return "\"host\":\"127.0.0.1\",\"port\":"
                + sshd.getPort()
                + ",\"user\":\"compta\""
                + (password.isEmpty() ? "" : ",\"password\":\"" + password + "\"")
                + ",\"remoteDirectory\":\"in\",\"fileNameTemplate\":\"{number}-{invoice}.{ext}\"";
    }

    private long exported(String connector) throws Exception {
        JsonNode exports = get("/api/dossiers/exp/connectors/" + connector + "/exports").json();
        long n = 0;
        for (JsonNode e : exports) {
            if (e.get("state").asText().equals("EXPORTED")) {
                n++;
            }
        }
        return n;
    }

    private byte[] bytes(String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private String post(String file) throws Exception {
        return postTo("exp", file, "application/pdf");
    }

    private String postTo(String dossier, String file, String type) throws Exception {
        Path invoice = Path.of(System.getProperty("facteur.corpus"), file);
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                baseUrl()
                                                        + "/api/dossiers/"
                                                        + dossier
                                                        + "/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", type)
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Files.readAllBytes(invoice)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        return JSON.readTree(posted.body()).get("id").asText();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
