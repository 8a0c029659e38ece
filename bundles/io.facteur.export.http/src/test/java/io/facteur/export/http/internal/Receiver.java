package io.facteur.export.http.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver for the tests, the JDK's HttpServer on a free loopback port: records every
 * request and answers as the test says.
 */
final class Receiver implements AutoCloseable {
    /** One request as received. */
    record Received(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** How to answer. */
    interface Answering {
        void answer(HttpExchange exchange, byte[] body) throws IOException;
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Answering answering = status(200, Map.of(), "");

    Receiver() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    Receiver(HttpServer server) {
        this.server = server;
        server.createContext(
                "/",
                exchange -> {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    received.add(
                            new Received(
                                    exchange.getRequestMethod(),
                                    exchange.getRequestURI().toString(),
                                    exchange.getRequestHeaders(),
                                    body));
                    answering.answer(exchange, body);
                    exchange.close();
                });
        server.setExecutor(executor);
        server.start();
    }

    Receiver answering(Answering answering) {
        this.answering = answering;
        return this;
    }

    /** Answers with this status, headers and body. */
    static Answering status(int status, Map<String, String> headers, String body) {
        return (exchange, request) -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path on this receiver, by its loopback IP. */
    String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
