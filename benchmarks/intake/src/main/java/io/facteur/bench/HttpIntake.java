package io.facteur.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything included, over HTTP: {@code clients} threads post every file to a running Facteur (raw
 * bodies, as invoicing software does), then the run waits until no invoice of the dossier is still
 * RECEIVED, i.e. every one was detected, read and validated (or rejected).
 */
final class HttpIntake {
    private final URI base;
    private final String authorization;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    HttpIntake(String base, String user, String password) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One pass into a new dossier; returns {seconds, accepted, still not processed}. */
    double[] pass(String dossier, List<Path> files, List<String> types, int clients)
            throws Exception {
        send(
                "POST",
                "api/dossiers",
                "application/json",
                json.writeValueAsBytes(
                        json.createObjectNode()
                                .put("id", dossier)
                                .put("name", "Bench " + dossier)
                                .put("country", "FR")),
                201);
        List<byte[]> bodies = new java.util.ArrayList<>();
        for (Path f : files) {
            bodies.add(Files.readAllBytes(f));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(
                        pool.submit(
                                () -> {
                                    for (int i = next.getAndIncrement();
                                            i < bodies.size();
                                            i = next.getAndIncrement()) {
                                        send(
                                                "POST",
                                                "api/dossiers/" + dossier + "/invoices",
                                                types.get(i),
                                                bodies.get(i),
                                                202);
                                        accepted.incrementAndGet();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int waiting;
        while ((waiting = received(dossier)) > 0) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, accepted.get(), waiting};
    }

    private int received(String dossier) throws Exception {
        JsonNode list =
                json.readTree(
                        send(
                                "GET",
                                "api/dossiers/" + dossier + "/invoices?status=RECEIVED&limit=500",
                                null,
                                null,
                                200));
        return list.size();
    }

    private byte[] send(String method, String path, String type, byte[] body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofMinutes(1));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", type)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(
                    method
                            + " "
                            + path
                            + ": "
                            + response.statusCode()
                            + " "
                            + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
