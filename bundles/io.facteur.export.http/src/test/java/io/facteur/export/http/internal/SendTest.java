package io.facteur.export.http.internal;

import static io.facteur.export.http.internal.Exports.cii;
import static io.facteur.export.http.internal.Exports.export;
import static io.facteur.export.http.internal.Exports.local;
import static io.facteur.export.http.internal.Receiver.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.ExportException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** send() against a real HTTP receiver in the test's process. */
class SendTest {
    private Receiver receiver;
    private Clients clients;
    private HttpConnector connector;
    private final Document invoice = cii("Factur-X_basic.xml");

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        clients = new Clients();
        connector = new HttpConnector(clients);
    }

    @AfterEach
    void stop() {
        connector.deactivate();
        receiver.close();
    }

    private Map<String, Object> settings() {
        return local(receiver.url("http", "/invoices?tenant=7"));
    }

    @Test
    void sendsTheDocumentWithItsHeaders() throws Exception {
        receiver.answering(status(201, Map.of("Location", "/invoices/42"), "{\"id\":42}"));

        String detail = connector.send(export("k-1", invoice, "original", settings()));

        assertThat(detail).isEqualTo("HTTP 201, Location: /invoices/42");
        Receiver.Received r = receiver.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/invoices?tenant=7");
        assertThat(r.body()).isEqualTo(invoice.content());
        assertThat(r.header("Content-Type")).isEqualTo("application/xml");
        assertThat(r.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Factur-X_basic.xml\"");
        assertThat(r.header("Facteur-Invoice")).isEqualTo("inv-k-1");
        assertThat(r.header("Facteur-Format")).isEqualTo("original");
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    void aRetrySendsTheSameIdempotencyKey() throws Exception {
        receiver.answering(status(503, Map.of(), "busy"));
        assertThatThrownBy(() -> connector.send(export("k-2", invoice, "CII", settings())))
                .isInstanceOf(ExportException.class);
        receiver.answering(status(200, Map.of(), ""));
        assertThat(connector.send(export("k-2", invoice, "CII", settings()))).isEqualTo("HTTP 200");
        assertThat(receiver.received)
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("k-2", "k-2");
    }

    @Test
    void putAndAContentTypeByFormat() throws Exception {
        Map<String, Object> s = settings();
        s.put("method", "put");
        s.put(
                "contentTypes",
                new String[] {
                    "UBL=application/vnd.oasis.ubl+xml", "cii = text/xml; charset=UTF-8"
                });

        connector.send(export("k-3", invoice, "ubl", s));
        assertThat(receiver.last().method()).isEqualTo("PUT");
        assertThat(receiver.last().header("Content-Type"))
                .isEqualTo("application/vnd.oasis.ubl+xml");

        connector.send(export("k-4", invoice, "CII", s));
        assertThat(receiver.last().header("Content-Type")).isEqualTo("text/xml; charset=UTF-8");

        connector.send(export("k-5", invoice, "original", s));
        assertThat(receiver.last().header("Content-Type")).isEqualTo("application/xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "bearer", "header"})
    void sendsTheCredentials(String authentication) throws Exception {
        Map<String, Object> s = settings();
        s.put("authentication", authentication);
        s.put("username", "erp-user");
        s.put("password", "pä ss:word");
        s.put("token", "eyJhbGciOi.J9-_~+/abc=");
        s.put("headerName", "X-API-Key");
        s.put("headerValue", "k3y-v4lue");

        connector.send(export("k-6", invoice, "CII", s));

        Receiver.Received r = receiver.last();
        switch (authentication) {
            case "basic" -> {
                assertThat(r.header("Authorization")).startsWith("Basic ");
                String pair =
                        new String(
                                Base64.getDecoder().decode(r.header("Authorization").substring(6)),
                                StandardCharsets.UTF_8);
                assertThat(pair).isEqualTo("erp-user:pä ss:word");
                assertThat(r.header("X-API-Key")).isNull();
            }
            case "bearer" -> {
                assertThat(r.header("Authorization")).isEqualTo("Bearer eyJhbGciOi.J9-_~+/abc=");
                assertThat(r.header("X-API-Key")).isNull();
            }
            default -> {
                assertThat(r.header("X-API-Key")).isEqualTo("k3y-v4lue");
                assertThat(r.header("Authorization")).isNull();
            }
        }
    }

    @Test
    void aClientErrorIsPermanentAndSaysWhatTheReceiverAnswered() {
        String body =
                "{\"error\":\"invalid\u0007 invoice\",\n\"detail\":\"" + "x".repeat(500) + "\"}";
        receiver.answering(status(422, Map.of(), body));

        assertThatThrownBy(() -> connector.send(export("k-7", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "The receiver refused the request (HTTP 422): {\"error\":\"invalid invoice\", \"detail\":\"xxx")
                                    .doesNotContain("\u0007", "\n")
                                    .hasSizeLessThan(300);
                        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 425, 429})
    void busyAndServerErrorsAreTransient(int status) {
        receiver.answering(status(status, Map.of("Retry-After", "5"), "try later"));

        assertThatThrownBy(() -> connector.send(export("k-8", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage())
                                    .contains("HTTP " + status)
                                    .contains("try later");
                        });
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413})
    void otherClientErrorsArePermanent(int status) {
        receiver.answering(status(status, Map.of(), ""));
        assertThatThrownBy(() -> connector.send(export("k-9", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage()).contains("HTTP " + status);
                        });
    }

    @Test
    void aRedirectIsNotFollowed() {
        receiver.answering(status(307, Map.of("Location", "http://169.254.169.254/latest"), ""));

        assertThatThrownBy(() -> connector.send(export("k-10", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage())
                                    .contains("HTTP 307")
                                    .contains("http://169.254.169.254/latest");
                        });
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetriedLater() {
        receiver.answering(
                (exchange, body) -> {
                    try {
                        Thread.sleep(2500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status(200, Map.of(), "").answer(exchange, body);
                });
        Map<String, Object> s = settings();
        s.put("timeoutSeconds", "1");

        long start = System.nanoTime();
        assertThatThrownBy(() -> connector.send(export("k-11", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage()).isEqualTo("No answer within 1 seconds.");
                        });
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2400);
    }

    @Test
    void aReceiverThatStallsInItsAnswerTimesOut() {
        receiver.answering(
                (exchange, body) -> {
                    exchange.sendResponseHeaders(500, 1000);
                    exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    try {
                        Thread.sleep(4000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        Map<String, Object> s = settings();
        s.put("timeoutSeconds", 1);

        long start = System.nanoTime();
        assertThatThrownBy(() -> connector.send(export("k-18", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage()).isEqualTo("No answer within 1 seconds.");
                        });
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    }

    @Test
    void aConnectionClosedMidRequestIsTransient() {
        receiver.answering(
                (exchange, body) -> {
                    throw new IllegalStateException("receiver crashed");
                });

        assertThatThrownBy(() -> connector.send(export("k-12", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage())
                                    .startsWith("The connection to 127.0.0.1 port ")
                                    .endsWith(" was closed before an answer.");
                        });
    }

    @Test
    void aRefusedConnectionIsTransient() {
        Map<String, Object> s = settings();
        int port = receiver.port();
        receiver.close();

        assertThatThrownBy(() -> connector.send(export("k-13", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "The connection to 127.0.0.1 port "
                                                    + port
                                                    + " was refused.");
                        });
    }

    @Test
    void aHugeAnswerIsReadOnlyInPart() {
        receiver.answering(
                (exchange, body) -> {
                    exchange.sendResponseHeaders(500, 0);
                    byte[] chunk = "E".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 1600; i++) { // 100 MiB
                            out.write(chunk);
                        }
                    } catch (java.io.IOException e) {
                        // the connector stopped reading: expected
                    }
                });

        long start = System.nanoTime();
        assertThatThrownBy(() -> connector.send(export("k-14", invoice, "CII", settings())))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage()).contains("HTTP 500").contains("EEEE");
                            assertThat(e.getMessage()).hasSizeLessThan(320);
                        });
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void refusesPrivateTargetsAndHttpUnlessAllowed() {
        Map<String, Object> s = settings();
        s.remove("allowPrivateTargets");
        assertThatThrownBy(() -> connector.send(export("k-15", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage()).contains("loopback");
                        });
        s.put("allowPrivateTargets", true);
        s.remove("allowHttp");
        assertThatThrownBy(() -> connector.send(export("k-15", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage()).contains("https");
                        });
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void anUnknownHostIsTransient() {
        Map<String, Object> s = settings();
        s.put("url", "https://no-such-host.invalid/in");
        assertThatThrownBy(() -> connector.send(export("k-16", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage()).contains("no-such-host.invalid");
                        });
    }

    @Test
    void badSettingsArePermanent() {
        Map<String, Object> s = settings();
        s.put("authentication", "bearer");
        assertThatThrownBy(() -> connector.send(export("k-17", invoice, "CII", s)))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage())
                                    .isEqualTo("Bearer authentication needs a token.");
                        });
    }

    @Test
    void concurrentSendsShareOneClient() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "c-" + i;
                sends.add(() -> connector.send(export(key, invoice, "CII", settings())));
            }
            for (Future<String> f : pool.invokeAll(sends)) {
                assertThat(f.get()).isEqualTo("HTTP 200");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(receiver.received).hasSize(200);
        assertThat(receiver.received)
                .extracting(r -> r.header("Idempotency-Key"))
                .doesNotHaveDuplicates();
        assertThat(receiver.received).allMatch(r -> r.body().length == invoice.size());
        assertThat(clients.size()).isEqualTo(1);
    }
}
