package io.facteur.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium (Debian's package) driven over the DevTools protocol: enough to open a page,
 * choose files in a file input and read what the page shows, as a user would. No driver download.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    Chromium(String language) throws Exception {
        String binary =
                List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                        .filter(b -> new File(b).canExecute())
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "The browser test needs Chromium: apt-get install chromium"));
        profile = Files.createTempDirectory("facteur-chromium");
        process =
                new ProcessBuilder(
                                binary,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--lang=" + language,
                                "--user-data-dir=" + profile,
                                "--remote-debugging-port=0",
                                "about:blank")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String browser = devToolsAddress();
        String port = URI.create(browser).getPort() + "";
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets =
                JSON.readTree(
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + port
                                                                        + "/json/list"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body());
        String page = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                page = t.get("webSocketDebuggerUrl").asText();
            }
        }
        socket =
                http.newWebSocketBuilder()
                        .buildAsync(URI.create(page), new Listener())
                        .get(10, TimeUnit.SECONDS);
    }

    private String devToolsAddress() throws IOException {
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("Chromium did not start");
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode result = answer.get(30, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + ": " + result.get("error"));
        }
        return result.get("result");
    }

    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates JavaScript in the page and returns its value as text ("" for null). */
    String eval(String expression) throws Exception {
        JsonNode r =
                call(
                        "Runtime.evaluate",
                        Map.of(
                                "expression",
                                expression,
                                "returnByValue",
                                true,
                                "awaitPromise",
                                true));
        JsonNode value = r.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** Chooses files in the file input matched by the selector, as a user does. */
    void chooseFiles(String selector, List<String> files) throws Exception {
        long root = call("DOM.getDocument", Map.of()).get("root").get("nodeId").asLong();
        long node =
                call("DOM.querySelector", Map.of("nodeId", root, "selector", selector))
                        .get("nodeId")
                        .asLong();
        call("DOM.setFileInputFiles", Map.of("nodeId", node, "files", files));
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer =
                            message.has("id") ? pending.remove(message.get("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    // not for us
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
