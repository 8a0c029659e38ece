package io.facteur.itests;

import static io.facteur.itests.PlatformIT.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * A capability built outside the core (the echo connector fixture) is hot-installed, configured for
 * a dossier and removed while the platform runs, as an operator would do it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CapabilityHotDeployIT extends FacteurTestSupport {
    private static final String ECHO = "test.echo";
    private static final String FEATURE = "facteur-test-echo";

    private List<String> capabilityIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : get("/api/capabilities").json()) {
            ids.add(c.get("id").asText());
        }
        return ids;
    }

    private JsonNode capability(String id) throws Exception {
        return get("/api/capabilities/" + id).json();
    }

    @Test
    public void featureInstalledAtRuntimeIsConfiguredPerDossierThenRemovedCleanly()
            throws Exception {
        createDossier("acme");
        assertFalse(capabilityIds().contains(ECHO));

        featuresService.addRepository(
                URI.create(
                        "mvn:io.facteur/io.facteur.itests.fixture/"
                                + System.getProperty("facteur.version")
                                + "/xml/features"));
        featuresService.installFeature(FEATURE);
        waitFor(() -> capabilityIds().contains(ECHO), 2_000, "the echo capability in the registry");

        JsonNode info = capability(ECHO);
        assertEquals("EXPORT_CONNECTOR", info.get("kind").asText());
        assertEquals("io.facteur.itests.fixture", info.get("bundle").asText());
        assertEquals("NEEDS_SETTINGS", info.get("state").asText());

        JsonNode schema = get("/api/capabilities/" + ECHO + "/schema").json();
        assertEquals("io.facteur.test.echo", schema.get("pid").asText());
        JsonNode endpoint = attribute(schema, "endpoint");
        assertEquals("STRING", endpoint.get("type").asText());
        assertTrue(endpoint.get("required").asBoolean());
        JsonNode port = attribute(schema, "port");
        assertEquals("INTEGER", port.get("type").asText());
        assertEquals("22", port.get("defaults").get(0).asText());
        JsonNode password = attribute(schema, "password");
        assertTrue(password.get("secret").asBoolean());
        assertEquals("PASSWORD", password.get("type").asText());
        assertEquals(2, attribute(schema, "mode").get("options").size());
        assertEquals("BOOLEAN", attribute(schema, "enabled").get("type").asText());

        String settings = "/api/dossiers/acme/settings/" + ECHO;
        Answer saved =
                admin(
                        "PUT",
                        settings,
                        "{\"endpoint\":\"sftp://files.example\",\"port\":2222,\"password\":\"s3cret\","
                                + "\"mode\":\"dry-run\",\"enabled\":true}");
        assertEquals(saved.body(), 200, saved.status());
        Answer read = get(settings);
        assertEquals(2222, read.json().get("values").get("port").asInt());
        assertFalse("a secret is never read back: " + read.body(), read.body().contains("s3cret"));
        assertEquals("password", read.json().get("secretsSet").get(0).asText());
        assertEquals("ACTIVE", capability(ECHO).get("state").asText());

        Dictionary<String, Object> stored = echoConfiguration().getProperties();
        assertEquals(2222, stored.get("port"));
        assertEquals("s3cret", stored.get("password"));
        assertEquals("acme", stored.get("dossier"));
        assertTrue(
                executeCommand("config:list \"(service.pid=io.facteur.test.echo~acme)\"")
                        .contains("2222"));
        Path file = Path.of(System.getProperty("karaf.etc"), "io.facteur.test.echo~acme.cfg");
        assertTrue(Files.readString(file).contains("2222"));

        Answer wrongType = admin("PUT", settings, "{\"endpoint\":\"sftp://x\",\"port\":\"abc\"}");
        assertProblem(wrongType, 400, "urn:facteur:problem:invalid-settings");
        assertEquals("port", wrongType.json().get("errors").get(0).get("attribute").asText());
        Answer missing = admin("PUT", settings, "{\"port\":70000}");
        assertProblem(missing, 400, "urn:facteur:problem:invalid-settings");
        assertTrue(missing.body(), missing.body().contains("\"endpoint\""));
        assertTrue(missing.body(), missing.body().contains("\"port\""));
        assertEquals("nothing changed", 2222, echoConfiguration().getProperties().get("port"));

        Answer keepSecret = admin("PUT", settings, "{\"endpoint\":\"sftp://other.example\"}");
        assertEquals(keepSecret.body(), 200, keepSecret.status());
        assertEquals("s3cret", echoConfiguration().getProperties().get("password"));
        assertEquals(22, echoConfiguration().getProperties().get("port"));

        featuresService.uninstallFeature(FEATURE);
        waitFor(() -> !capabilityIds().contains(ECHO), 2_000, "the echo capability to leave");
        assertEquals(200, send("GET", "/api/health", null, null).status());
        assertProblem(get(settings), 404, "urn:facteur:problem:not-found");
        assertEquals(200, get("/api/dossiers/acme/settings/dossier").status());
        assertEquals(
                "settings outlive the bundle",
                "s3cret",
                echoConfiguration().getProperties().get("password"));
    }

    @Test
    public void bundleDroppedInTheDeployFolderAppearsAndLeavesWithIt() throws Exception {
        Path jar = Path.of(System.getProperty("facteur.fixture.jar"));
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "echo.jar");
        Files.createDirectories(deployed.getParent());
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> capabilityIds().contains(ECHO), 15_000, "the deployed capability");
        assertNotNull(get("/api/capabilities/" + ECHO + "/schema").json().get("attributes"));
        Files.delete(deployed);
        waitFor(() -> !capabilityIds().contains(ECHO), 15_000, "the removed capability to leave");
        assertEquals(200, send("GET", "/api/health", null, null).status());
    }

    private Configuration echoConfiguration() throws Exception {
        Configuration[] found =
                configAdmin.listConfigurations("(service.pid=io.facteur.test.echo~acme)");
        assertNotNull("configuration io.facteur.test.echo~acme", found);
        return found[0];
    }

    private static JsonNode attribute(JsonNode schema, String id) {
        for (JsonNode a : schema.get("attributes")) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("No attribute " + id + " in " + schema);
    }
}
