package io.facteur.channel.mail.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code Authentication-Results} headers (RFC 8601) that the receiving server added and
 * says whether the From domain passed SPF (with an aligned {@code smtp.mailfrom}) or DKIM (with an
 * aligned {@code header.d} or {@code header.i}). Only the headers of the receiving server count:
 * those whose authserv-id is the configured one, or else the topmost header alone, since every
 * header below it may have been written by the sender.
 */
final class SenderAuthentication {
    private static final int MAX_HEADER_CHARS = 8192;

    private final String authservId;

    /**
     * @param authservId the receiving server's authserv-id, empty for "the topmost header"
     */
    SenderAuthentication(String authservId) {
        this.authservId = authservId == null ? "" : authservId.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the domain passed.
     *
     * @param headers the message's Authentication-Results values, topmost first (may be null)
     * @param fromDomain the domain of the From address
     */
    boolean passed(String[] headers, String fromDomain) {
        if (headers == null || headers.length == 0 || fromDomain == null) {
            return false;
        }
        String from = fromDomain.toLowerCase(Locale.ROOT);
        for (String header : headers) {
            List<String> parts = split(header);
            if (parts.isEmpty()) {
                continue;
            }
            String serv = parts.get(0).split("\\s+")[0].toLowerCase(Locale.ROOT);
            boolean ours = authservId.isEmpty() || authservId.equals(serv);
            if (ours && parts.stream().skip(1).anyMatch(r -> passes(r, from))) {
                return true;
            }
            if (authservId.isEmpty()) {
                return false;
            }
        }
        return false;
    }

    private static boolean passes(String resinfo, String from) {
        String[] words = resinfo.strip().split("\\s+");
        if (words.length == 0) {
            return false;
        }
        String method = words[0].toLowerCase(Locale.ROOT);
        String[] props = java.util.Arrays.copyOfRange(words, 1, words.length);
        if (method.equals("spf=pass")) {
            return aligned(domainOf(value(props, "smtp.mailfrom")), from);
        }
        if (method.equals("dkim=pass")) {
            return aligned(domainOf(value(props, "header.d")), from)
                    || aligned(domainOf(value(props, "header.i")), from);
        }
        return false;
    }

    private static String value(String[] props, String name) {
        for (String p : props) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equalsIgnoreCase(name)) {
                return p.substring(eq + 1).replace("\"", "");
            }
        }
        return null;
    }

    private static String domainOf(String value) {
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf('@');
        String d = (at >= 0 ? value.substring(at + 1) : value).toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /**
     * Relaxed alignment without a public-suffix list: the same domain, or the From domain is a
     * subdomain of an authenticated domain that has at least two labels.
     */
    static boolean aligned(String authenticated, String from) {
        if (authenticated == null || authenticated.isEmpty()) {
            return false;
        }
        return from.equals(authenticated)
                || (authenticated.indexOf('.') > 0 && from.endsWith("." + authenticated));
    }

    /** The header split at top-level semicolons, RFC 5322 comments and quotes removed. */
    static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        if (header == null) {
            return parts;
        }
        String h =
                header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < h.length()) {
                    current.append(h.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        parts.add(current.toString().strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
