package io.facteur.export.http.internal;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a receiver answered, and what it means: success for 2xx; a retry for 408, 425, 429 and 5xx;
 * a stop for anything else (a redirect is never followed, it could lead anywhere).
 *
 * @param status the HTTP status
 * @param location the {@code Location} header, cleaned, empty when none
 * @param excerpt the start of the body, cleaned, at most {@value #EXCERPT} characters
 */
record Answer(int status, String location, String excerpt) {
    /** Characters of a body shown in a message. */
    static final int EXCERPT = 200;

    /** The answer of a response, secrets taken out of what it echoes. */
    static Answer of(HttpResponse<byte[]> response, List<String> secrets) {
        String location = response.headers().firstValue("Location").orElse("");
        int status = response.statusCode();
        String body =
                status >= 200 && status < 300
                        ? ""
                        : new String(response.body(), StandardCharsets.UTF_8);
        return new Answer(status, clean(location, secrets, 300), clean(body, secrets, EXCERPT));
    }

    boolean success() {
        return status >= 200 && status < 300;
    }

    /** Why this answer is not a success, null when it is. */
    Refusal refusal() {
        if (success()) {
            return null;
        }
        String body = excerpt.isEmpty() ? "" : ": " + excerpt;
        if (status >= 300 && status < 400) {
            return Refusal.permanent("http.redirect", status, location.isEmpty() ? "?" : location);
        }
        if (status == 401 || status == 403) {
            return Refusal.permanent("http.credentials", status, body);
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return new Refusal("http.busy", true, null, status, body);
        }
        return Refusal.permanent("http.refused", status, body);
    }

    /**
     * A receiver's text as shown: secrets replaced, control characters and runs of spaces made one
     * space, cut to max characters.
     */
    static String clean(String text, List<String> secrets, int max) {
        String s = text;
        for (String secret : secrets) {
            s = s.replace(secret, "***");
        }
        StringBuilder b = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < s.length() && b.length() < max; ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean blank =
                    Character.isWhitespace(c)
                            || Character.isISOControl(c)
                            || Character.getType(c) == Character.FORMAT
                            || c == 0xfffd;
            if (blank) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.appendCodePoint(c);
            }
        }
        return b.length() >= max ? b + "…" : b.toString();
    }
}
