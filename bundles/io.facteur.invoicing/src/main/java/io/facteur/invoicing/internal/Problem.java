package io.facteur.invoicing.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem document of the invoicing API, with a stable {@code type} per kind of failure
 * and, for invalid input, the fields at fault ({@code errors}: a JSON pointer into the request body
 * and what is wrong there, as RFC 9457's own example does).
 *
 * @param type a URN naming the kind of failure
 * @param title a short summary of the kind, in the caller's language
 * @param status the HTTP status
 * @param detail what happened this time, in the caller's language
 * @param errors the fields at fault; empty when the failure is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Field> errors) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field at fault.
     *
     * @param pointer a JSON pointer into the request body (RFC 6901)
     * @param detail what is wrong with it, in the caller's language
     */
    public record Field(String pointer, String detail) {}

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The kinds of failure; their URNs are part of the API and never change. */
    enum Kind {
        MALFORMED_REQUEST(400),
        INVALID(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
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

    static Problem of(Kind kind, Texts texts, String detailKey, Object... arguments) {
        return new Problem(
                kind.urn(),
                texts.text("title." + kind.name()),
                kind.status,
                texts.text(detailKey, arguments),
                List.of());
    }

    /** The same problem with these fields at fault. */
    Problem with(List<Field> fields) {
        return new Problem(type, title, status, detail, fields);
    }

    Response response(Texts texts) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .header("Content-Language", texts.language())
                .entity(Json.write(this))
                .build();
    }
}
