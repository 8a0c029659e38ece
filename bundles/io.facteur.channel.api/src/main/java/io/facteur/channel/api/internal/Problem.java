package io.facteur.channel.api.internal;

import java.util.Locale;
import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem document of this channel, with a stable {@code type} per kind of failure.
 *
 * @param type a URN naming the kind of failure
 * @param title a short summary of the kind, in the caller's language
 * @param status the HTTP status
 * @param detail what happened this time, in the caller's language
 */
public record Problem(String type, String title, int status, String detail) {
    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The kinds of failure; their URNs are part of the API and never change. */
    enum Kind {
        MALFORMED_REQUEST(400),
        IDEMPOTENCY_KEY_INVALID(400),
        WEBHOOK_URL_REFUSED(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        IDEMPOTENCY_KEY_REUSED(409),
        IDEMPOTENCY_IN_PROGRESS(409),
        CONFLICT(409),
        PAYLOAD_TOO_LARGE(413),
        UNAVAILABLE(503);

        final int status;

        Kind(int status) {
            this.status = status;
        }

        String urn() {
            return "urn:facteur:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The problem of this kind, with a detail from the texts in the caller's language. */
    static Problem of(Kind kind, Texts texts, String detailKey, Object... arguments) {
        return new Problem(
                kind.urn(),
                texts.format("title." + kind.name()),
                kind.status,
                texts.format(detailKey, arguments));
    }

    /** This problem as an HTTP answer. */
    Response response(Texts texts) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .header("Content-Language", texts.language())
                .entity(this)
                .build();
    }
}
