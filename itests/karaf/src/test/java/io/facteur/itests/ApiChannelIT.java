package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Connected invoicing software in the distribution: with its API key it registers a webhook (an
 * HTTP server started in the container), pushes an invoice with an Idempotency-Key and receives the
 * signed status changes of that invoice; the same key and body replay the first answer, the same
 * key with another body is a conflict; wrong keys and other dossiers are refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiChannelIT extends FacteurTestSupport {
    private static final String FEATURE = "facteur-channel-api";
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Delivered> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    /** One webhook call as the receiver saw it. */
    private record Delivered(String signature, String eventId, String type, byte[] body) {}

    @Before
    public void startReceiver() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.installFeature(FEATURE);
        }
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext(
                "/hooks",
                exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    received.add(
                            new Delivered(
                                    exchange.getRequestHeaders().getFirst("Facteur-Signature"),
                                    exchange.getRequestHeaders().getFirst("Facteur-Event-Id"),
                                    exchange.getRequestHeaders().getFirst("Content-Type"),
                                    body));
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
        receiver.start();
        // the receiver is on loopback over http: an admin allows both for this installation
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("allowHttp", true);
        settings.put("allowPrivateTargets", true);
        settings.put("pollMillis", 200);
        settings.put("firstRetrySeconds", 1);
        Configuration config = configAdmin.getConfiguration("io.facteur.channel.api", "?");
        config.update(settings);
    }

    @After
    public void stopReceiver() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
        configAdmin.getConfiguration("io.facteur.channel.api", "?").delete();
    }

    @Test
    public void connectedSoftwarePushesIdempotentlyAndReceivesSignedStatusChanges()
            throws Exception {
        createDossier("erp");
        createDossier("elsewhere");
        Answer issued = admin("POST", "/api/dossiers/erp/api-keys", "{\"label\":\"Sage 100\"}");
        assertEquals(issued.body(), 201, issued.status());
        String key = issued.json().get("key").asText();
        String keyId = issued.json().get("info").get("id").asText();
        String bearer = "Bearer " + key;
        waitFor(
                () -> send("GET", "/api/dossiers/erp/webhooks", null, bearer).status() == 200,
                60_000,
                "the webhooks resource");

        // the software registers its webhook; the secret comes once
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Answer[] registered = new Answer[1];
        waitFor(
                () -> {
                    registered[0] =
                            send(
                                    "POST",
                                    "/api/dossiers/erp/webhooks",
                                    "{\"url\":\"" + url + "\"}",
                                    bearer);
                    return registered[0].status() == 201;
                },
                30_000,
                "the settings allowing a loopback http webhook");
        String secret = registered[0].json().get("secret").asText();
        String hookId = registered[0].json().get("id").asText();
        assertTrue(secret, secret.startsWith("whsec_"));
        assertEquals("key", registered[0].json().get("scope").asText());
        Answer listed = send("GET", "/api/dossiers/erp/webhooks", null, bearer);
        assertEquals(hookId, listed.json().get(0).get("id").asText());
        assertFalse("the secret is shown once only", listed.body().contains(secret));

        // schemes other than https (and http when allowed) are refused whatever the settings
        Answer refused =
                send(
                        "POST",
                        "/api/dossiers/erp/webhooks",
                        "{\"url\":\"ftp://127.0.0.1/hooks\"}",
                        bearer);
        assertEquals(refused.body(), 400, refused.status());
        assertEquals(
                "urn:facteur:problem:webhook-url-refused", refused.json().get("type").asText());

        // pushed with an Idempotency-Key: accepted once
        byte[] invoice =
                Files.readAllBytes(
                        Path.of(System.getProperty("facteur.corpus"))
                                .resolve("cii/01.01a-INVOICE_uncefact.xml"));
        HttpResponse<String> first = push("erp", invoice, bearer, "order-4711");
        assertEquals(first.body(), 202, first.statusCode());
        String id = JSON.readTree(first.body()).get("id").asText();
        assertFalse(first.headers().firstValue("Idempotent-Replayed").isPresent());

        // the same key and body again (a retry after a lost answer): the first answer, replayed
        HttpResponse<String> again = push("erp", invoice, bearer, "order-4711");
        assertEquals(202, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals(
                first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(1, get("/api/dossiers/erp/invoices").json().size());

        // the same key with another body: a conflict, nothing imported
        HttpResponse<String> reused =
                push("erp", "<Invoice/>".getBytes(StandardCharsets.UTF_8), bearer, "order-4711");
        assertEquals(reused.body(), 409, reused.statusCode());
        assertEquals(
                "urn:facteur:problem:idempotency-key-reused",
                JSON.readTree(reused.body()).get("type").asText());
        assertTrue(
                reused.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"));
        HttpResponse<String> malformed = push("erp", invoice, bearer, "k".repeat(256));
        assertEquals(malformed.body(), 400, malformed.statusCode());
        assertEquals(1, get("/api/dossiers/erp/invoices").json().size());

        // wrong key: 401; another dossier's id with a valid key: 404, as if it did not exist
        assertEquals(401, push("erp", invoice, "Bearer " + key + "x", "order-4712").statusCode());
        HttpResponse<String> other = push("elsewhere", invoice, bearer, "order-4713");
        assertEquals(other.body(), 404, other.statusCode());
        assertEquals(
                "urn:facteur:problem:not-found", JSON.readTree(other.body()).get("type").asText());
        assertEquals(404, send("GET", "/api/dossiers/elsewhere/webhooks", null, bearer).status());

        // the invoice's status changes arrive, signed with the webhook's secret
        waitFor(
                () -> statuses(id).contains("RECEIVED") && statuses(id).contains("READY"),
                90_000,
                "RECEIVED and READY events");
        assertTrue(
                statuses(id).toString(),
                statuses(id).indexOf("RECEIVED") < statuses(id).indexOf("READY"));
        for (Delivered d : received) {
            assertTrue(d.type(), d.type().startsWith("application/json"));
            assertTrue(d.signature(), verified(secret, d));
            assertFalse(verified("whsec_not-the-secret", d));
            JsonNode event = JSON.readTree(d.body());
            assertEquals(d.eventId(), event.get("id").asText());
            assertEquals("invoice.status", event.get("type").asText());
            assertEquals("erp", event.get("dossier").asText());
        }
        assertEquals(
                "one event per change",
                received.size(),
                received.stream().map(Delivered::eventId).distinct().count());

        // the admin sees the webhook, delivered events, no failure
        JsonNode hooks = get("/api/dossiers/erp/webhooks").json();
        assertEquals(hooks.toString(), 1, hooks.size());
        assertEquals(keyId, hooks.get(0).get("keyId").asText());
        assertEquals("ACTIVE", hooks.get(0).get("state").asText());
        assertTrue(hooks.get(0).get("lastFailure").isNull());
        JsonNode delivered =
                get("/api/dossiers/erp/webhooks/" + hookId + "/events?state=DELIVERED").json();
        assertTrue(delivered.toString(), delivered.size() >= 2);
        assertEquals(
                0,
                get("/api/dossiers/erp/webhooks/" + hookId + "/events?state=FAILED").json().size());

        // deleted by the software, revoked by the admin: the key no longer works
        assertEquals(
                204, send("DELETE", "/api/dossiers/erp/webhooks/" + hookId, null, bearer).status());
        assertEquals(204, admin("DELETE", "/api/dossiers/erp/api-keys/" + keyId, null).status());
        assertEquals(401, push("erp", invoice, bearer, "order-4714").statusCode());
        assertEquals("", PlatformIT.errorLines());
    }

    private HttpResponse<String> push(String dossier, byte[] body, String auth, String key)
            throws Exception {
        return client.send(
                HttpRequest.newBuilder(
                                URI.create(baseUrl() + "/api/dossiers/" + dossier + "/invoices"))
                        .header("Authorization", auth)
                        .header("Content-Type", "application/xml")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The statuses the receiver got for the invoice, in order of arrival. */
    private List<String> statuses(String invoice) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (Delivered d : received) {
            JsonNode event = JSON.readTree(d.body());
            if (invoice.equals(event.get("invoice").asText())) {
                out.add(event.get("status").asText());
            }
        }
        return out;
    }

    /** Verifies Facteur-Signature as a receiver would: HMAC-SHA256 of "t.body", fresh t. */
    private static boolean verified(String secret, Delivered d) throws Exception {
        assertNotNull(d.signature());
        String t = null;
        String v1 = null;
        for (String part : d.signature().split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        assertNotNull(d.signature(), t);
        assertNotNull(d.signature(), v1);
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) < 300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(mac.doFinal(d.body()), HexFormat.of().parseHex(v1));
    }
}
