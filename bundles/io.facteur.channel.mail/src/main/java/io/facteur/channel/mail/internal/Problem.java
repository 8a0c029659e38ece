package io.facteur.channel.mail.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem document; {@code type} is {@code urn:facteur:problem:<kind>}.
 *
 * @param type stable id of the failure
 * @param title short summary, in the caller's language
 * @param status the HTTP status
 * @param detail what happened here, in the caller's language
 */
public record Problem(String type, String title, int status, String detail) {
    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem as an exception that JAX-RS answers with. */
    WebApplicationException exception() {
        return new WebApplicationException(
                Response.status(status).type(MEDIA_TYPE).entity(this).build());
    }
}
