package io.facteur.export.http.internal;

import static io.facteur.export.http.internal.Exports.local;
import static io.facteur.export.http.internal.Receiver.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.ConnectionTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** test(): the documented probe, and every refusal in the admin's language. */
class ProbeTest {
    private static final Locale FR = Locale.FRENCH;
    private static final Locale DE = Locale.GERMAN;
    private static final Locale EN = Locale.ENGLISH;

    private Receiver receiver;
    private HttpConnector connector;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        connector = new HttpConnector(new Clients());
    }

    @AfterEach
    void stop() {
        connector.deactivate();
        receiver.close();
    }

    private Map<String, Object> settings() {
        return local(receiver.url("http", "/hook"));
    }

    @Test
    void sendsTheDocumentedProbe() {
        Map<String, Object> s = settings();
        s.put("method", "PUT");
        s.put("connector", "erp \"main\"");

        ConnectionTest result = connector.test(s, FR);

        assertThat(result.success()).isTrue();
        assertThat(result.message())
                .isEqualTo("Le destinataire 127.0.0.1 a répondu à la sonde par HTTP 200.");
        Receiver.Received r = receiver.last();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.header("Facteur-Probe")).isEqualTo("1");
        assertThat(r.header("Idempotency-Key"))
                .matches("probe-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"probe\":true,\"connector\":\"erp \\\"main\\\"\",\"dossier\":\"acme\"}");
        connector.test(s, FR);
        assertThat(receiver.received.get(0).header("Idempotency-Key"))
                .isNotEqualTo(receiver.last().header("Idempotency-Key"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "https://127.0.0.1/in | Refused: 127.0.0.1 is this machine (127.0.0.1, loopback)."
                        + " | Refusé : 127.0.0.1 désigne cette machine (127.0.0.1, boucle locale)."
                        + " | Abgelehnt: 127.0.0.1 ist dieser Rechner (127.0.0.1, Loopback).",
                "https://localhost:8443/in | Refused: localhost is this machine"
                        + " | Refusé : localhost désigne cette machine"
                        + " | Abgelehnt: localhost ist dieser Rechner",
                "https://169.254.169.254/latest/meta-data/"
                        + " | Refused: 169.254.169.254 is a link-local address (169.254.169.254),"
                        + " such as the cloud metadata service."
                        + " | Refusé : 169.254.169.254 est une adresse lien-local (169.254.169.254),"
                        + " comme le service de métadonnées du cloud."
                        + " | Abgelehnt: 169.254.169.254 ist eine Link-Local-Adresse"
                        + " (169.254.169.254), etwa der Metadatendienst der Cloud.",
                "https://10.0.0.1/in | Refused: 10.0.0.1 is a private network address (10.0.0.1)."
                        + " | Refusé : 10.0.0.1 est une adresse de réseau privé (10.0.0.1)."
                        + " | Abgelehnt: 10.0.0.1 ist eine Adresse eines privaten Netzes (10.0.0.1).",
                "https://[::ffff:127.0.0.1]/in | Refused: ::ffff:127.0.0.1 is this machine (127.0.0.1,"
                        + " | Refusé : ::ffff:127.0.0.1 désigne cette machine (127.0.0.1,"
                        + " | Abgelehnt: ::ffff:127.0.0.1 ist dieser Rechner (127.0.0.1,",
                "https://100.64.1.2/in | carrier-grade NAT | NAT d'opérateur | Carrier-Grade-NAT",
                "http://93.184.216.34/in | Only https URLs are accepted"
                        + " | Seules les URL https sont acceptées"
                        + " | Nur https-URLs werden angenommen",
                "https://user:pw@93.184.216.34/in"
                        + " | must not contain a user name or password"
                        + " | ne doit contenir ni nom d'utilisateur ni mot de passe"
                        + " | darf weder Benutzernamen noch Passwort enthalten",
                "ftp://93.184.216.34/in | scheme \"ftp\" | schéma d'URL « ftp » | Schema „ftp“",
                "not a url | not a valid absolute URL | n'est pas une URL absolue"
                        + " | keine gültige absolute URL"
            })
    void refusesTargetsWithTheReasonInTheAdminsLanguage(
            String url, String en, String fr, String de) {
        Map<String, Object> s = new HashMap<>(Map.of("url", url, "dossier", "acme"));
        for (Map.Entry<Locale, String> expected : Map.of(EN, en, FR, fr, DE, de).entrySet()) {
            ConnectionTest result = connector.test(s, expected.getKey());
            assertThat(result.success()).isFalse();
            assertThat(result.message())
                    .as(expected.getKey().toString())
                    .contains(expected.getValue());
        }
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void theLocalReceiverNeedsBothAllowances() {
        Map<String, Object> s = settings();
        assertThat(connector.test(s, EN).success()).isTrue();
        s.put("allowPrivateTargets", "false");
        assertThat(connector.test(s, EN).message()).contains("loopback");
        s.put("allowPrivateTargets", "true");
        s.put("allowHttp", false);
        assertThat(connector.test(s, EN).message()).contains("Only https");
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void credentialsRefused() {
        receiver.answering(status(401, Map.of("WWW-Authenticate", "Bearer"), ""));
        Map<String, Object> s = settings();
        s.put("authentication", "bearer");
        s.put("token", "s3cr3t-t0ken");
        assertThat(connector.test(s, DE))
                .isEqualTo(
                        new ConnectionTest(
                                false, "Der Empfänger hat die Zugangsdaten abgelehnt (HTTP 401)"));
        receiver.answering(status(403, Map.of(), "no"));
        assertThat(connector.test(s, FR).message())
                .isEqualTo("Le destinataire a refusé les identifiants (HTTP 403): no");
    }

    @Test
    void otherStatusesAreShown() {
        receiver.answering(status(404, Map.of(), "<h1>Not Found</h1>"));
        assertThat(connector.test(settings(), EN).message())
                .isEqualTo("The receiver refused the request (HTTP 404): <h1>Not Found</h1>");
        receiver.answering(status(502, Map.of(), ""));
        assertThat(connector.test(settings(), FR).message())
                .isEqualTo(
                        "Le destinataire ne peut pas le prendre maintenant (HTTP 502) ; nouvel"
                                + " essai plus tard.");
        receiver.answering(status(301, Map.of("Location", "https://elsewhere.example/"), ""));
        assertThat(connector.test(settings(), EN).message())
                .startsWith(
                        "The receiver answered HTTP 301 (a redirect to"
                                + " https://elsewhere.example/); redirects are not followed");
    }

    @Test
    void networkFailures() {
        Map<String, Object> s = settings();
        s.put("url", "https://no-such-host.invalid/hook");
        assertThat(connector.test(s, FR).message())
                .isEqualTo("L'hôte no-such-host.invalid est introuvable (DNS).");

        Map<String, Object> closed = settings();
        int port = receiver.port();
        receiver.close();
        assertThat(connector.test(closed, DE).message())
                .isEqualTo("Die Verbindung zu 127.0.0.1 Port " + port + " wurde abgewiesen.");
    }

    @Test
    void timeout() throws Exception {
        receiver.answering(
                (exchange, body) -> {
                    try {
                        Thread.sleep(2500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        Map<String, Object> s = settings();
        s.put("timeoutSeconds", 1);
        assertThat(connector.test(s, FR))
                .isEqualTo(new ConnectionTest(false, "Pas de réponse en 1 secondes."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "method | DELETE | | The method \"DELETE\" is not supported: choose POST or PUT.",
                "authentication | oauth | | The authentication \"oauth\" is not supported",
                "authentication | bearer | | Bearer authentication needs a token.",
                "authentication | basic | | Basic authentication needs a user name.",
                "authentication | header | headerName=Host | The header \"Host\" is set by the"
                        + " connector or the HTTP client itself",
                "authentication | header | headerName=content-length | The header"
                        + " \"content-length\" is set by the connector",
                "authentication | header | headerName=Facteur-Format | The header"
                        + " \"Facteur-Format\" is set by the connector",
                "authentication | header | headerName=X API | The header name \"X API\" is not a"
                        + " valid HTTP header name",
                "authentication | header | headerName=X-API-Key | Header authentication needs a"
                        + " value for the header X-API-Key.",
                "contentTypes | UBL:application/xml | | The media type entry"
                        + " \"UBL:application/xml\" is not of the form FORMAT=type/subtype",
                "contentTypes | UBL=xml | | The media type entry \"UBL=xml\"",
                "extraCa | -----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE----- | |"
                        + " The additional certificates cannot be read",
                "extraCa | not a certificate | | The additional certificates cannot be read",
                "timeoutSeconds | 0 | | The setting \"timeoutSeconds\" must be a whole number"
                        + " from 1 to 300, not \"0\".",
                "timeoutSeconds | soon | | The setting \"timeoutSeconds\" must be a whole number"
                        + " from 1 to 300, not \"soon\".",
                "allowHttp | yes | | The setting \"allowHttp\" must be true or false, not \"yes\"."
            })
    void badSettingsAreExplained(String key, String value, String extra, String expected) {
        Map<String, Object> s = settings();
        s.put(key, value);
        if (extra != null) {
            String[] kv = extra.split("=", 2);
            s.put(kv[0], kv[1]);
        }
        ConnectionTest result = connector.test(s, EN);
        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith(expected);
        assertThat(connector.test(s, FR).message()).isNotEqualTo(result.message());
        assertThat(connector.test(s, DE).message()).isNotEqualTo(result.message());
        assertThat(receiver.received).isEmpty();
    }
}
