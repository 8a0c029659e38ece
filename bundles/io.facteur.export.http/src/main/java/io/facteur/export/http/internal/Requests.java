package io.facteur.export.http.internal;

import io.facteur.api.ExportConnector.Export;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** The requests the connector sends: one per export, and the documented probe. */
final class Requests {
    /** Sent as {@code User-Agent}. */
    static final String AGENT = "Facteur-Export-HTTP/1";

    /** Longest file name sent. */
    static final int MAX_NAME = 150;

    private Requests() {}

    /** The request that carries one document. */
    static HttpRequest export(Endpoint endpoint, Export export) {
        HttpRequest.Builder b =
                base(endpoint)
                        .method(
                                endpoint.method(),
                                HttpRequest.BodyPublishers.ofByteArray(export.document().content()))
                        .header(
                                "Content-Type",
                                endpoint.contentType(
                                        export.format(), export.document().mediaType()))
                        .header("Idempotency-Key", opaque(export.key()))
                        .header("Content-Disposition", disposition(export));
        if (export.invoiceId() != null && !export.invoiceId().isEmpty()) {
            b.header("Facteur-Invoice", opaque(export.invoiceId()));
        }
        if (export.format() != null && !export.format().isEmpty()) {
            b.header("Facteur-Format", opaque(export.format()));
        }
        return b.build();
    }

    /** The probe: same method and URL, a small JSON body a receiver may ignore. */
    static HttpRequest probe(Endpoint endpoint) {
        String json =
                "{\"probe\":true,\"connector\":"
                        + json(endpoint.connector())
                        + ",\"dossier\":"
                        + json(endpoint.dossier())
                        + "}";
        return base(endpoint)
                .method(
                        endpoint.method(),
                        HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "probe-" + UUID.randomUUID())
                .header("Facteur-Probe", "1")
                .build();
    }

    private static HttpRequest.Builder base(Endpoint endpoint) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(endpoint.url())
                        .timeout(Duration.ofSeconds(endpoint.timeoutSeconds()))
                        .header("User-Agent", AGENT);
        if (endpoint.authorization() != null) {
            b.header(endpoint.authorization().name(), endpoint.authorization().value());
        }
        return b;
    }

    /**
     * {@code attachment} with the document's file name: an ASCII {@code filename} of safe
     * characters, and the name as it is in {@code filename*} (RFC 6266) when it is not plain ASCII.
     * Without a name: the invoice number and the format's extension.
     */
    static String disposition(Export export) {
        String name = printable(export.document().fileName());
        if (name.isEmpty()) {
            String extension = export.extension() == null ? "" : export.extension();
            name = printable(export.invoice().number());
            name =
                    (name.isEmpty() ? "invoice" : name)
                            + (extension.isEmpty() ? "" : "." + extension);
        }
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            boolean safe =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '-'
                            || c == '_';
            ascii.append(safe ? c : '_');
        }
        String safe = ascii.toString().replaceAll("^\\.+", "_");
        if (safe.isEmpty()) {
            safe = "invoice";
        }
        String header = "attachment; filename=\"" + safe + "\"";
        if (!safe.equals(name)) {
            header +=
                    "; filename*=UTF-8''"
                            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }

    /** A text without control or format characters, stripped. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    /**
     * An id as a header value: visible ASCII kept, anything else (and {@code %}) percent-encoded as
     * UTF-8, so that the same id always gives the same value.
     */
    static String opaque(String id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 32 && c < 127 && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                b.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
