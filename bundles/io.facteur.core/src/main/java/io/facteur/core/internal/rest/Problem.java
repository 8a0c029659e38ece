package io.facteur.core.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document: every failure over REST is one of these, with a stable {@code type}
 * per kind of failure (listed in {@link ProblemType}) and never a stack trace.
 *
 * @param type a URN naming the kind of failure
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what happened this time
 * @param instance the request path
 * @param errors the refused attributes, for validation failures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One refused attribute.
     *
     * @param attribute its name
     * @param message what is wrong
     */
    public record FieldError(String attribute, String message) {}
}
