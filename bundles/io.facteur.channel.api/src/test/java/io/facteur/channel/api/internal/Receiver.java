package io.facteur.channel.api.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for the tests: the JDK's HTTP server on a loopback port, recording every
 * request and answering the statuses it is told to, then 200.
 */
final class Receiver implements AutoCloseable {
    /** One request received. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private int port;

    Receiver start() throws IOException {
        server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(
                "/",
                exchange -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        received.add(
                                new Received(
                                        exchange.getRequestURI().getPath(),
                                        Map.copyOf(exchange.getRequestHeaders()),
                                        in.readAllBytes()));
                    }
                    Integer status = statuses.poll();
                    int answer = status == null ? 200 : status;
                    if (answer / 100 == 3) {
                        exchange.getResponseHeaders().add("Location", "/elsewhere");
                    }
                    exchange.sendResponseHeaders(answer, -1);
                    exchange.close();
                });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops answering; {@link #start()} opens the same port again. */
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        stop();
    }
}
