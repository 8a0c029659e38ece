package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.ws.rs.HttpMethod;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * The platform as an operator first sees it: start, health, web console, OpenAPI, shell, bad input.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends FacteurTestSupport {

    @Test
    public void startsCleanAndHealthy() throws Exception {
        Answer health = send("GET", "/api/health", null, null);
        assertEquals(200, health.status());
        assertEquals("UP", health.json().get("status").asText());
        assertEquals("UP", health.json().get("database").asText());
        assertFalse("no version or path details for attackers", health.body().contains("derby"));

        String errors = errorLines();
        assertEquals("ERROR lines at a normal start", "", errors);
    }

    /** The lines logged at ERROR so far. */
    static String errorLines() throws Exception {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("| ERROR |"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    public void webConsoleAnswersTheAdminAndListsFacteurConfigurations() throws Exception {
        assertEquals(401, send("GET", "/system/console/bundles", null, null).status());
        assertEquals(
                401, send("GET", "/system/console/bundles", null, basic(ADMIN, "wrong")).status());
        Answer page = get("/system/console/configMgr");
        assertEquals(200, page.status());
        assertTrue("dossier defaults listed", page.body().contains("io.facteur.dossier"));
        assertTrue("security settings listed", page.body().contains("io.facteur.security"));
    }

    @Test
    public void openApiDescribesEveryResourceOfTheApplication() throws Exception {
        Answer answer = send("GET", "/api/openapi.json", null, null);
        assertEquals(200, answer.status());
        JsonNode paths = answer.json().get("paths");
        assertNotNull(paths);
        Set<String> described = new TreeSet<>();
        paths.fields()
                .forEachRemaining(
                        e ->
                                e.getValue()
                                        .fieldNames()
                                        .forEachRemaining(
                                                m ->
                                                        described.add(
                                                                m.toUpperCase()
                                                                        + " "
                                                                        + e.getKey())));

        Set<String> declared = new TreeSet<>();
        for (ServiceReference<?> ref :
                bundleContext.getServiceReferences(
                        (String) null,
                        "(&(osgi.jaxrs.resource=true)(osgi.jaxrs.application.select=*facteur*))")) {
            Class<?> type = ref.getBundle().loadClass((String) ref.getProperty("component.name"));
            String root = path(type.getAnnotation(javax.ws.rs.Path.class));
            for (Method m : type.getMethods()) {
                for (var a : m.getAnnotations()) {
                    HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        String sub = path(m.getAnnotation(javax.ws.rs.Path.class));
                        declared.add(http.value() + " /" + root + (sub.isEmpty() ? "" : "/" + sub));
                    }
                }
            }
        }
        assertTrue("resources found: " + declared, declared.size() >= 10);
        assertEquals(declared, described);
    }

    private static String path(javax.ws.rs.Path p) {
        if (p == null) {
            return "";
        }
        String v = p.value();
        v = v.startsWith("/") ? v.substring(1) : v;
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    @Test
    public void shellCommandsListCapabilitiesAndDossiers() throws Exception {
        createDossier("shell-check");
        String capabilities = executeCommand("facteur:capabilities");
        assertTrue(capabilities, capabilities.contains("dossier"));
        assertTrue(capabilities, capabilities.contains("io.facteur.core"));
        String dossiers = executeCommand("facteur:dossiers");
        assertTrue(dossiers, dossiers.contains("shell-check"));
    }

    @Test
    public void badInputGetsProblemDocumentsAndChangesNothing() throws Exception {
        Answer malformed = admin("POST", "/api/dossiers", "{\"id\":\"x\",");
        assertProblem(malformed, 400, "urn:facteur:problem:malformed-request");

        Answer unknownField =
                admin(
                        "POST",
                        "/api/dossiers",
                        "{\"id\":\"x1\",\"name\":\"X\",\"country\":\"FR\",\"evil\":1}");
        assertProblem(unknownField, 400, "urn:facteur:problem:malformed-request");

        Answer pathChars =
                admin(
                        "POST",
                        "/api/dossiers",
                        "{\"id\":\"../etc\",\"name\":\"X\",\"country\":\"FR\"}");
        assertProblem(pathChars, 400, "urn:facteur:problem:invalid-dossier");
        assertEquals("id", pathChars.json().get("errors").get(0).get("attribute").asText());

        String huge =
                "{\"id\":\"big\",\"name\":\"" + "x".repeat(400_000) + "\",\"country\":\"FR\"}";
        assertProblem(
                admin("POST", "/api/dossiers", huge), 413, "urn:facteur:problem:payload-too-large");
        assertProblem(chunked("/api/dossiers", huge), 413, "urn:facteur:problem:payload-too-large");

        assertProblem(get("/api/dossiers/nope"), 404, "urn:facteur:problem:not-found");
        Answer french =
                send("GET", "/api/dossiers/nope", null, basic(ADMIN, PASSWORD), "fr-FR,fr;q=0.9");
        assertEquals("Introuvable", french.json().get("title").asText());
        assertEquals("fr", french.header("Content-Language"));
        assertProblem(get("/api/capabilities/nope/schema"), 404, "urn:facteur:problem:not-found");
        assertProblem(get("/api/no-such-resource"), 404, "urn:facteur:problem:not-found");
        assertProblem(
                admin("DELETE", "/api/dossiers", null),
                405,
                "urn:facteur:problem:method-not-allowed");

        createDossier("dup");
        assertProblem(
                admin(
                        "POST",
                        "/api/dossiers",
                        "{\"id\":\"dup\",\"name\":\"Again\",\"country\":\"FR\"}"),
                409,
                "urn:facteur:problem:conflict");
        assertEquals("Dossier dup", get("/api/dossiers/dup").json().get("name").asText());
        for (JsonNode d : get("/api/dossiers").json()) {
            assertFalse(
                    "nothing half-written",
                    Set.of("x", "x1", "../etc", "big").contains(d.get("id").asText()));
        }
        assertEquals("a client's mistakes are not logged at ERROR", "", errorLines());
    }

    /** Posts a body without Content-Length, as a stream of chunks. */
    private Answer chunked(String path, String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", basic(ADMIN, PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(bytes)))
                        .build();
        HttpResponse<String> r =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    static void assertProblem(Answer a, int status, String type) {
        assertEquals(a.body(), status, a.status());
        assertTrue(
                a.header("Content-Type"),
                a.header("Content-Type").startsWith("application/problem+json"));
        JsonNode p = a.json();
        assertEquals(a.body(), type, p.get("type").asText());
        assertEquals(status, p.get("status").asInt());
        assertNotNull(p.get("title"));
        assertFalse(
                "no stack trace: " + a.body(),
                a.body().contains("Exception") || a.body().contains("\tat "));
    }
}
