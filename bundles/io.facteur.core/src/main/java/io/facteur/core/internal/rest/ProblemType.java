package io.facteur.core.internal.rest;

import javax.ws.rs.core.Response.Status;

/** The kinds of failure the REST API reports; their URNs are part of the API and never change. */
public enum ProblemType {
    MALFORMED_REQUEST(Status.BAD_REQUEST, "Malformed request"),
    INVALID_SETTINGS(Status.BAD_REQUEST, "Invalid settings"),
    INVALID_DOSSIER(Status.BAD_REQUEST, "Invalid dossier"),
    UNAUTHENTICATED(Status.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN(Status.FORBIDDEN, "Not allowed"),
    NOT_FOUND(Status.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(Status.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT(Status.CONFLICT, "Conflict"),
    DELIVERY_REFUSED(Status.CONFLICT, "Delivery refused"),
    CONNECTOR_NOT_TESTED(Status.CONFLICT, "Connector not tested"),
    CONNECTOR_KIND_MISSING(Status.CONFLICT, "Connector kind not installed"),
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    INTERNAL(Status.INTERNAL_SERVER_ERROR, "Internal error");

    private final Status status;
    private final String title;

    ProblemType(Status status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The URN of this kind, such as {@code urn:facteur:problem:invalid-settings}. */
    public String urn() {
        return "urn:facteur:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public Status status() {
        return status;
    }

    /** The title in English. */
    public String title() {
        return title;
    }

    /** The title in the caller's language (French, German or English), from a resource bundle. */
    public String title(java.util.Locale locale) {
        try {
            return java.util.ResourceBundle.getBundle(
                            "io.facteur.core.internal.rest.problems",
                            locale,
                            ProblemType.class.getClassLoader(),
                            java.util.ResourceBundle.Control.getNoFallbackControl(
                                    java.util.ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(name());
        } catch (java.util.MissingResourceException e) {
            return title;
        }
    }

    /** The problem type for an HTTP status that JAX-RS produced by itself. */
    public static ProblemType of(int status) {
        for (ProblemType t : values()) {
            if (t.status.getStatusCode() == status) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
