package io.facteur.core.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.UUID;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into a problem document. A client's mistake is logged at most at DEBUG; an
 * unexpected failure is logged once at ERROR with an incident id that the client also receives, and
 * no stack trace or internal message ever leaves the server.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("facteur.problems")
@JaxrsApplicationSelect(FacteurApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private final Logger logger = LoggerFactory.getLogger(ProblemMapper.class);

    @Context UriInfo uriInfo;

    @Context HttpHeaders headers;

    @Override
    public Response toResponse(Throwable e) {
        // a problem raised while a body was read (its size limit) arrives wrapped by the reader
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return respond(p.type(), p.getMessage(), p.errors(), null);
            }
        }
        if (e instanceof io.facteur.api.ArchiveException archive) {
            // the archive's own refusals: what the caller asked for, or a damaged archive
            ProblemType type =
                    switch (archive.reason()) {
                        case WRITE_ONCE -> ProblemType.CONFLICT;
                        case INVALID_INPUT -> ProblemType.MALFORMED_REQUEST;
                        case TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
                        default -> ProblemType.UNAVAILABLE;
                    };
            return respond(type, archive.getMessage(), null, null);
        }
        if (e instanceof JsonProcessingException json) {
            return respond(
                    ProblemType.MALFORMED_REQUEST,
                    "The body is not the JSON expected: " + json.getOriginalMessage(),
                    null,
                    null);
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (web.getCause() instanceof JsonProcessingException json) {
                return respond(
                        ProblemType.MALFORMED_REQUEST,
                        "The body is not the JSON expected: " + json.getOriginalMessage(),
                        null,
                        null);
            }
            ProblemType type = ProblemType.of(status);
            if (status >= 500) {
                return internal(e);
            }
            Response.ResponseBuilder extra = null;
            if (status == 405 && web.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
                extra =
                        Response.status(status)
                                .header(
                                        HttpHeaders.ALLOW,
                                        web.getResponse().getHeaderString(HttpHeaders.ALLOW));
            }
            logger.debug("Request refused with {}: {}", status, e.getMessage());
            return respond(type, type.title(locale()), null, extra, status);
        }
        return internal(e);
    }

    private Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        logger.error("Request {} failed, incident {}", path(), incident, e);
        return respond(
                ProblemType.INTERNAL, "Unexpected failure; incident " + incident, null, null);
    }

    private Response respond(
            ProblemType type,
            String detail,
            java.util.List<Problem.FieldError> errors,
            Response.ResponseBuilder builder) {
        return respond(type, detail, errors, builder, type.status().getStatusCode());
    }

    private Response respond(
            ProblemType type,
            String detail,
            java.util.List<Problem.FieldError> errors,
            Response.ResponseBuilder builder,
            int status) {
        Response.ResponseBuilder b = builder == null ? Response.status(status) : builder;
        if (status == 401) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Facteur\", charset=\"UTF-8\"");
        }
        return b.type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale().getLanguage())
                .entity(
                        new Problem(
                                type.urn(), type.title(locale()), status, detail, path(), errors))
                .build();
    }

    /** The first of French, German, English the caller accepts; English otherwise. */
    private java.util.Locale locale() {
        try {
            for (java.util.Locale l : headers.getAcceptableLanguages()) {
                if (java.util.List.of("fr", "de", "en").contains(l.getLanguage())) {
                    return new java.util.Locale(l.getLanguage());
                }
            }
        } catch (RuntimeException e) {
            // no request (or a malformed Accept-Language): English
        }
        return java.util.Locale.ENGLISH;
    }

    private String path() {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
