package io.facteur.export.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings as they come from ConfigAdmin, the REST API or a .cfg file. */
class EndpointTest {
    private static Map<String, Object> base() {
        return new HashMap<>(Map.of("url", "https://receiver.example/in", "dossier", "acme"));
    }

    @Test
    void defaults() throws Exception {
        Endpoint e = Endpoint.of(base());
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.authorization()).isNull();
        assertThat(e.timeoutSeconds()).isEqualTo(30);
        assertThat(e.allowPrivateTargets()).isFalse();
        assertThat(e.contentType("UBL", "application/xml")).isEqualTo("application/xml");
        assertThat(e.contentType("UBL", "bad\r\ntype")).isEqualTo("application/octet-stream");
    }

    @Test
    void lenientValues() throws Exception {
        Map<String, Object> s = base();
        s.put("timeoutSeconds", " 22 ");
        s.put("allowPrivateTargets", "TRUE");
        s.put("allowHttp", "true");
        s.put("url", "http://receiver.example/in");
        s.put("method", new String[] {"put"});
        s.put("contentTypes", "UBL=application/vnd.oasis.ubl+xml, CII=text/xml");
        Endpoint e = Endpoint.of(s);
        assertThat(e.timeoutSeconds()).isEqualTo(22);
        assertThat(e.allowPrivateTargets()).isTrue();
        assertThat(e.method()).isEqualTo("PUT");
        assertThat(e.contentType("ubl", "x/y")).isEqualTo("application/vnd.oasis.ubl+xml");
        assertThat(e.contentType("Cii", "x/y")).isEqualTo("text/xml");
        s.put("contentTypes", List.of("UBL=application/xml"));
        assertThat(Endpoint.of(s).contentType("UBL", "x/y")).isEqualTo("application/xml");
    }

    @Test
    void refusals() {
        assertKey(Map.of("timeoutSeconds", 301), "settings.number");
        assertKey(Map.of("timeoutSeconds", 3.5), "settings.number");
        assertKey(
                Map.of("authentication", "basic", "username", "a:b"), "settings.username.invalid");
        assertKey(
                Map.of(
                        "authentication",
                        "header",
                        "headerName",
                        "Idempotency-Key",
                        "headerValue",
                        "v"),
                "settings.headerName.forbidden");
        assertKey(
                Map.of(
                        "authentication",
                        "header",
                        "headerName",
                        "Transfer-Encoding",
                        "headerValue",
                        "v"),
                "settings.headerName.forbidden");
        assertKey(
                Map.of("authentication", "header", "headerName", "X:Y", "headerValue", "v"),
                "settings.headerName.invalid");
        assertKey(
                Map.of("contentTypes", new String[] {"UBL=a/b", "ubl=c/d"}),
                "settings.contentTypes.twice");
        assertKey(Map.of("contentTypes", new String[] {"=a/b"}), "settings.contentTypes");
        assertKey(Map.of("url", "https://receiver.example/" + "a".repeat(2100)), "url.tooLong");
        assertKey(Map.of("url", "https://receiver.example/in#x"), "url.malformed");
        assertKey(Map.of("url", "mailto:a@b.example"), "url.malformed");
    }

    private static void assertKey(Map<String, Object> changes, String key) {
        Map<String, Object> s = base();
        s.putAll(changes);
        assertThatThrownBy(() -> Endpoint.of(s))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.key()).isEqualTo(key));
    }
}
