package io.facteur.export.http.internal;

import com.sun.net.httpserver.HttpServer;
import io.facteur.api.Document;
import io.facteur.api.ExportConnector.Export;
import io.facteur.api.invoice.Invoice;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Exports the same invoices to a local HTTP receiver in this process: (a) a bare java.net.http loop
 * with one HttpClient sending each file with the same method, headers and body as the connector,
 * and (b) {@link HttpConnector#send}. Alternating slices, a warm-up first; prints exports/s and the
 * median ratio (b)/(a) against the target 0.8.
 *
 * <p>System properties: {@code bench.corpus} ({@code ../shared/corpus}), {@code bench.exports}
 * (1000), {@code bench.warmup} (3 rounds), {@code bench.rounds} (20), {@code bench.slice} (50
 * exports per slice; the sides alternate by slice), {@code bench.answer} ({@code empty}: the
 * receiver answers 201 without a body; {@code json}: 201 with a Location and a small JSON body).
 */
public final class HttpExportBenchmark {
    private static final double TARGET = 0.8;
    private static final String TOKEN = "bench-token-0123456789abcdef";

    private HttpExportBenchmark() {}

    /** One export and the request the bare loop sends for it. */
    private record Item(Export export, String contentType, String disposition) {}

    private interface Side {
        void send(Item item) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        // the receiver writes an answer's headers and body separately: without TCP_NODELAY every
        // answer with a body waits for a delayed ACK (40 ms on Linux), whoever the client is
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        int exports = Integer.getInteger("bench.exports", 1000);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int rounds = Integer.getInteger("bench.rounds", 20);
        int slice = Math.max(1, Integer.getInteger("bench.slice", 50));
        boolean json = System.getProperty("bench.answer", "empty").equals("json");

        List<Path> files;
        try (Stream<Path> s = Files.list(corpus.resolve("cii"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        AtomicLong received = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService serverThreads = Executors.newFixedThreadPool(4);
        server.createContext(
                "/",
                exchange -> {
                    long n;
                    try (InputStream in = exchange.getRequestBody()) {
                        n = in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    boolean ok = key != null && ("Bearer " + TOKEN).equals(auth);
                    if (ok) {
                        received.incrementAndGet();
                        bytes.addAndGet(n);
                    }
                    if (json && ok) {
                        byte[] answer =
                                ("{\"id\":\"" + key + "\",\"status\":\"accepted\"}")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.getResponseHeaders().set("Location", "/invoices/" + key);
                        exchange.sendResponseHeaders(201, answer.length);
                        exchange.getResponseBody().write(answer);
                    } else {
                        exchange.sendResponseHeaders(ok ? 201 : 400, -1);
                    }
                    exchange.close();
                });
        server.setExecutor(serverThreads);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/invoices";

        Map<String, Object> settings = new HashMap<>();
        settings.put("dossier", "bench");
        settings.put("connector", "erp");
        settings.put("url", url);
        settings.put("method", "POST");
        settings.put("authentication", "bearer");
        settings.put("token", TOKEN);
        settings.put("timeoutSeconds", 30);
        settings.put("allowHttp", true);
        settings.put("allowPrivateTargets", true);
        settings.put("contentTypes", new String[] {"UBL=application/vnd.oasis.ubl+xml"});

        List<Item> items = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < exports; i++) {
            Path file = files.get(i % files.size());
            String name = file.getFileName().toString();
            Document document = new Document(name, "application/xml", Files.readAllBytes(file));
            total += document.size();
            Export export =
                    new Export(
                            "exp-" + i,
                            "bench",
                            "erp",
                            "inv-" + i,
                            invoice("F-" + i),
                            document,
                            "CII",
                            "xml",
                            settings);
            items.add(new Item(export, "application/xml", Requests.disposition(export)));
        }

        HttpConnector connector = new HttpConnector(new Clients());
        HttpClient bare =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
        URI uri = URI.create(url);
        Side a =
                item -> {
                    Export e = item.export();
                    HttpRequest request =
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30))
                                    .header("User-Agent", Requests.AGENT)
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofByteArray(
                                                    e.document().content()))
                                    .header("Content-Type", item.contentType())
                                    .header("Idempotency-Key", e.key())
                                    .header("Content-Disposition", item.disposition())
                                    .header("Facteur-Invoice", e.invoiceId())
                                    .header("Facteur-Format", e.format())
                                    .build();
                    HttpResponse<byte[]> response =
                            bare.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("bare: HTTP " + response.statusCode());
                    }
                };
        Side b = item -> connector.send(item.export());

        System.out.printf(
                Locale.ROOT,
                "HTTP export: %d exports of %d corpus CII files (%,d bytes in all, %,d on average)"
                        + " to the JDK's HttpServer on %s, answers %s, slices of %d, JDK %s, %d cores%n",
                exports,
                files.size(),
                total,
                total / exports,
                url,
                json ? "201 with a JSON body" : "201 without body",
                slice,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        try {
            for (int i = 0; i < warmup; i++) {
                pair("warm-up " + (i + 1), items, slice, a, b, received, bytes, total);
            }
            double[] rateA = new double[rounds];
            double[] rateB = new double[rounds];
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double[] rates =
                        pair("round " + (i + 1), items, slice, a, b, received, bytes, total);
                rateA[i] = rates[0];
                rateB[i] = rates[1];
                ratios[i] = rates[1] / rates[0];
            }
            double median = median(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "%n(a) bare java.net.http: median %.0f exports/s (min %.0f, max %.0f)%n"
                            + "(b) HttpConnector.send: median %.0f exports/s (min %.0f, max %.0f)%n"
                            + "ratios (b)/(a): %s%n"
                            + "median ratio (b)/(a): %.3f, target >= %.1f: %s%n",
                    median(rateA),
                    Arrays.stream(rateA).min().orElse(0),
                    Arrays.stream(rateA).max().orElse(0),
                    median(rateB),
                    Arrays.stream(rateB).min().orElse(0),
                    Arrays.stream(rateB).max().orElse(0),
                    Arrays.toString(
                            Arrays.stream(ratios)
                                    .mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
                                    .toArray()),
                    median,
                    TARGET,
                    median >= TARGET ? "MET" : "NOT MET");
        } finally {
            connector.deactivate();
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    /**
     * One round: every export sent once by (a) and once by (b), in alternating slices (a then b,
     * then b then a, ...), so that a change of the machine's load falls on both alike; the time of
     * each side is the sum of its slices. The receiver must have taken every request whole.
     */
    private static double[] pair(
            String label,
            List<Item> items,
            int slice,
            Side a,
            Side b,
            AtomicLong received,
            AtomicLong bytes,
            long total)
            throws Exception {
        received.set(0);
        bytes.set(0);
        long nanosA = 0;
        long nanosB = 0;
        for (int from = 0, k = 0; from < items.size(); from += slice, k++) {
            List<Item> part = items.subList(from, Math.min(items.size(), from + slice));
            if (k % 2 == 0) {
                nanosA += time(part, a);
                nanosB += time(part, b);
            } else {
                nanosB += time(part, b);
                nanosA += time(part, a);
            }
        }
        if (received.get() != 2L * items.size() || bytes.get() != 2 * total) {
            throw new IllegalStateException(
                    label + ": the receiver took " + received + " of " + 2 * items.size());
        }
        double rateA = items.size() / (nanosA / 1e9);
        double rateB = items.size() / (nanosB / 1e9);
        System.out.printf(
                Locale.ROOT,
                "%-10s (a) bare %6.0f exports/s %6.3f s | (b) connector %6.0f exports/s %6.3f s"
                        + " | ratio %.3f%n",
                label,
                rateA,
                nanosA / 1e9,
                rateB,
                nanosB / 1e9,
                rateB / rateA);
        return new double[] {rateA, rateB};
    }

    private static long time(List<Item> part, Side side) throws Exception {
        long start = System.nanoTime();
        for (Item item : part) {
            side.send(item);
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Invoice invoice(String number) {
        return new Invoice(
                number,
                LocalDate.of(2026, 11, 28),
                "380",
                "EUR",
                null,
                "",
                "",
                null,
                null,
                List.of(),
                List.of(),
                null);
    }
}
