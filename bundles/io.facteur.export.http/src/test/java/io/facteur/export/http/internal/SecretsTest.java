package io.facteur.export.http.internal;

import static io.facteur.export.http.internal.Exports.cii;
import static io.facteur.export.http.internal.Exports.export;
import static io.facteur.export.http.internal.Exports.local;
import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.ExportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No password, token or header value ever shows in a message, even when the receiver echoes the
 * request back or a setting around the secret is wrong.
 */
class SecretsTest {
    private static final String PASSWORD = "Pa55-w0rd-SECRET";
    private static final String TOKEN =
            "tok-SECRET-0123456789abcdefghijklmnopqrstuvwxyz".repeat(30);
    private static final String HEADER_VALUE = "hv-SECRET-42";

    private Receiver receiver;
    private final HttpConnector connector = new HttpConnector(new Clients());
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // an echoing receiver: its error body holds every request header
        receiver =
                new Receiver()
                        .answering(
                                (exchange, body) -> {
                                    StringBuilder echo = new StringBuilder();
                                    exchange.getRequestHeaders()
                                            .forEach((k, v) -> echo.append(k + ": " + v + "\n"));
                                    byte[] b = echo.toString().getBytes(StandardCharsets.UTF_8);
                                    exchange.sendResponseHeaders(401, b.length);
                                    exchange.getResponseBody().write(b);
                                });
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Map<String, Object> with(String authentication) {
        Map<String, Object> s = local(receiver.url("http", "/in"));
        s.put("authentication", authentication);
        s.put("username", "user");
        s.put("password", PASSWORD);
        s.put("token", TOKEN);
        s.put("headerName", "X-Api-Key");
        s.put("headerValue", HEADER_VALUE);
        return s;
    }

    private void collect(Map<String, Object> s) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN)) {
            messages.add(connector.test(s, locale).message());
        }
        try {
            connector.send(export("s-1", cii("Factur-X_basic.xml"), "CII", s));
        } catch (ExportException e) {
            messages.add(e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                messages.add(String.valueOf(c.getMessage()));
            }
        }
    }

    @Test
    void secretsNeverShow() {
        for (String kind : List.of("basic", "bearer", "header")) {
            collect(with(kind));
        }
        Map<String, Object> s = with("header");
        s.put("headerName", "Host");
        collect(s);
        s = with("header");
        s.put("headerValue", HEADER_VALUE + "\r\nX: y");
        collect(s);
        s = with("bearer");
        s.put("token", TOKEN + " with space");
        collect(s);
        s = with("basic");
        s.put("password", PASSWORD + "\u0000");
        collect(s);
        s = with("bearer");
        s.put("url", "https://user:" + PASSWORD + "@127.0.0.1/in");
        collect(s);

        assertThat(receiver.received).hasSizeGreaterThanOrEqualTo(12);
        assertThat(messages).hasSizeGreaterThanOrEqualTo(24);
        assertThat(messages)
                .anySatisfy(m -> assertThat(m).contains("HTTP 401").contains("***"))
                .allSatisfy(
                        m ->
                                assertThat(m)
                                        .doesNotContain("SECRET")
                                        .doesNotContain(
                                                java.util.Base64.getEncoder()
                                                        .encodeToString(
                                                                ("user:" + PASSWORD)
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8))));
    }
}
