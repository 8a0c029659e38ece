package io.facteur.itests;

import static io.facteur.itests.PlatformIT.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Who may call what: admins of the Karaf realm, API keys scoped to one dossier, nobody else. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends FacteurTestSupport {

    @Test
    public void onlyHealthAndOpenApiAreOpen() throws Exception {
        assertEquals(200, send("GET", "/api/health", null, null).status());
        assertEquals(200, send("GET", "/api/openapi.json", null, null).status());
        for (String path : new String[] {"/api/dossiers", "/api/capabilities", "/api/dossiers/x"}) {
            Answer a = send("GET", path, null, null);
            assertProblem(a, 401, "urn:facteur:problem:unauthenticated");
            assertTrue(a.header("WWW-Authenticate").startsWith("Basic"));
        }
        assertProblem(
                send("GET", "/api/dossiers", null, basic(ADMIN, "wrong")),
                401,
                "urn:facteur:problem:unauthenticated");
        assertProblem(
                send("GET", "/api/dossiers", null, "Basic !!!not-base64"),
                401,
                "urn:facteur:problem:unauthenticated");
        assertEquals(401, send("GET", "/facteur/ui/index.html", null, null).status());
        assertEquals(
                403, send("GET", "/facteur/ui/index.html", null, basic("clerk", "clerk")).status());
        Answer page = get("/facteur/ui/index.html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("app.js"));
        assertEquals(200, get("/facteur/ui/i18n/de.json").status());
        assertProblem(
                send("GET", "/api/dossiers", null, basic("clerk", "clerk")),
                403,
                "urn:facteur:problem:forbidden");
    }

    @Test
    public void apiKeySeesItsOwnDossierOnly() throws Exception {
        createDossier("alpha");
        createDossier("bravo");
        Answer issued = admin("POST", "/api/dossiers/alpha/api-keys", "{\"label\":\"ERP\"}");
        assertEquals(issued.body(), 201, issued.status());
        String key = issued.json().get("key").asText();
        String keyId = issued.json().get("info").get("id").asText();
        assertTrue(key.startsWith("fct_"));

        Answer listed = get("/api/dossiers/alpha/api-keys");
        assertEquals("ERP", listed.json().get(0).get("label").asText());
        assertFalse("a key is shown once only", listed.body().contains(key.substring(22)));

        String bearer = "Bearer " + key;
        JsonNode visible = send("GET", "/api/dossiers", null, bearer).json();
        assertEquals(1, visible.size());
        assertEquals("alpha", visible.get(0).get("id").asText());
        assertEquals(200, send("GET", "/api/dossiers/alpha", null, bearer).status());

        Answer other = send("GET", "/api/dossiers/bravo", null, bearer);
        Answer none = send("GET", "/api/dossiers/zulu", null, bearer);
        assertProblem(other, 404, "urn:facteur:problem:not-found");
        assertProblem(none, 404, "urn:facteur:problem:not-found");
        assertEquals(
                "another dossier looks like no dossier",
                none.json().get("title"),
                other.json().get("title"));
        assertProblem(
                send("GET", "/api/dossiers/bravo/settings/dossier", null, bearer),
                404,
                "urn:facteur:problem:not-found");
        assertProblem(
                send("GET", "/api/dossiers/bravo/api-keys", null, bearer),
                404,
                "urn:facteur:problem:not-found");

        assertProblem(
                send("GET", "/api/dossiers/alpha/settings/dossier", null, bearer),
                403,
                "urn:facteur:problem:forbidden");
        assertProblem(
                send(
                        "POST",
                        "/api/dossiers",
                        "{\"id\":\"x\",\"name\":\"X\",\"country\":\"FR\"}",
                        bearer),
                403,
                "urn:facteur:problem:forbidden");

        HttpResponse<String> viaHeader =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(baseUrl() + "/api/dossiers/alpha"))
                                        .header("X-API-Key", key)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaHeader.statusCode());

        assertProblem(
                send("GET", "/api/dossiers/alpha", null, "Bearer " + key + "x"),
                401,
                "urn:facteur:problem:unauthenticated");
        assertProblem(
                send("GET", "/api/dossiers/alpha", null, "Bearer " + key.replace("fct_", "fct_0")),
                401,
                "urn:facteur:problem:unauthenticated");

        assertProblem(
                send(
                        "DELETE",
                        "/api/dossiers/bravo/api-keys/" + keyId,
                        null,
                        basic(ADMIN, PASSWORD)),
                404,
                "urn:facteur:problem:not-found");
        assertEquals(204, admin("DELETE", "/api/dossiers/alpha/api-keys/" + keyId, null).status());
        assertProblem(
                send("GET", "/api/dossiers/alpha", null, bearer),
                401,
                "urn:facteur:problem:unauthenticated");
    }
}
