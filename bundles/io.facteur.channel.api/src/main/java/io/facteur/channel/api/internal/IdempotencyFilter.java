package io.facteur.channel.api.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.facteur.api.Roles;
import io.facteur.channel.api.internal.Idempotency.Claim;
import io.facteur.channel.api.internal.Idempotency.InProgress;
import io.facteur.channel.api.internal.Idempotency.Proceed;
import io.facteur.channel.api.internal.Idempotency.Replay;
import io.facteur.channel.api.internal.Idempotency.Stored;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@code POST /api/dossiers/{d}/invoices} idempotent for a request that carries an {@value
 * #HEADER} header: the body is buffered (within the inbox's limit) and hashed; the first request
 * with a key goes through and its answer is stored, the same key and body later get that answer
 * again (with {@value #REPLAYED}{@code : true}), the same key with another body a 409 problem. An
 * answer of 500 or more is not stored, so the key may be tried again. Runs after the core's
 * authentication, so the key is remembered per caller (API key id or admin) and dossier.
 */
// its settings come from SettingsHolder: a configuration of its own would change its service
// properties, and the whiteboard would redeploy the application at each change
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsName("facteur.channel.api.idempotency")
@JaxrsApplicationSelect("(osgi.jaxrs.name=facteur)")
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The request header naming the key. */
    static final String HEADER = "Idempotency-Key";

    /** The answer header set on a replayed answer. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern PATH = Pattern.compile("/?dossiers/([^/]+)/invoices/?");
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String SCOPE = IdempotencyFilter.class.getName() + ".scope";
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Logger logger = LoggerFactory.getLogger(IdempotencyFilter.class);
    private final Idempotency keys;
    private final SettingsHolder settings;

    @Activate
    public IdempotencyFilter(
            @Reference ChannelDatabase database, @Reference SettingsHolder settings) {
        this.keys = new Idempotency(database);
        this.settings = settings;
    }

    /** With fixed settings (tests). */
    IdempotencyFilter(ChannelDatabase database, ApiChannelSettings settings) {
        this(database, new SettingsHolder(settings));
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        List<String> given = request.getHeaders().get(HEADER);
        if (given == null || !"POST".equals(request.getMethod())) {
            return;
        }
        Matcher path = PATH.matcher(request.getUriInfo().getPath());
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (!path.matches() || caller == null) {
            return;
        }
        String dossier = request.getUriInfo().getPathParameters().getFirst("dossier");
        if (dossier == null || !request.getSecurityContext().isUserInRole(Roles.dossier(dossier))) {
            return; // the resource answers 404, as for a dossier that does not exist
        }
        Texts texts = Texts.of(request::getAcceptableLanguages);
        String key = given.size() == 1 ? given.get(0).strip() : "";
        if (!KEY.matcher(key).matches()) {
            request.abortWith(
                    Problem.of(Problem.Kind.IDEMPOTENCY_KEY_INVALID, texts, "idempotency.invalid")
                            .response(texts));
            return;
        }
        ApiChannelSettings now = settings.get();
        byte[] body;
        try {
            body = BoundedBody.read(request, now.maxBodyBytes());
        } catch (BoundedBody.TooLargeException e) {
            request.abortWith(
                    Problem.of(
                                    Problem.Kind.PAYLOAD_TOO_LARGE,
                                    texts,
                                    "body.tooLarge",
                                    now.maxBodyBytes())
                            .response(texts));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        Claim claim;
        try {
            claim =
                    keys.claim(
                            caller.getName(),
                            dossier,
                            key,
                            Idempotency.sha256(body),
                            Instant.now(),
                            Duration.ofHours(now.idempotencyHours()));
        } catch (SQLException e) {
            logger.warn("Idempotency key of dossier {} not looked up: {}", dossier, e.toString());
            request.abortWith(
                    Problem.of(Problem.Kind.UNAVAILABLE, texts, "database.unavailable")
                            .response(texts));
            return;
        }
        if (claim instanceof Proceed proceed) {
            request.setProperty(SCOPE, proceed.scope());
        } else if (claim instanceof Replay replay) {
            request.abortWith(replayed(replay.answer()));
        } else if (claim instanceof InProgress) {
            request.abortWith(
                    Problem.of(
                                    Problem.Kind.IDEMPOTENCY_IN_PROGRESS,
                                    texts,
                                    "idempotency.inProgress")
                            .response(texts));
        } else {
            request.abortWith(
                    Problem.of(Problem.Kind.IDEMPOTENCY_KEY_REUSED, texts, "idempotency.reused")
                            .response(texts));
        }
    }

    private static Response replayed(Stored answer) {
        Response.ResponseBuilder b =
                Response.status(answer.status())
                        .header(REPLAYED, "true")
                        .entity(answer.body().getBytes(StandardCharsets.UTF_8));
        if (answer.contentType() != null) {
            b.type(answer.contentType());
        }
        if (answer.location() != null) {
            b.header(HttpHeaders.LOCATION, answer.location());
        }
        return b.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response)
            throws IOException {
        if (!(request.getProperty(SCOPE) instanceof String scope)) {
            return;
        }
        request.removeProperty(SCOPE);
        try {
            if (response.getStatus() >= 500) {
                keys.forget(scope);
                return;
            }
            byte[] body = bytes(response.getEntity());
            MediaType type = response.getMediaType();
            if (response.hasEntity()) {
                // the bytes stored are the bytes sent
                Annotation[] annotations = response.getEntityAnnotations();
                response.setEntity(
                        body, annotations == null ? new Annotation[0] : annotations, type);
            }
            String location = null;
            URI given = response.getLocation();
            if (given != null) {
                URI absolute =
                        given.isAbsolute()
                                ? given
                                : request.getUriInfo().getBaseUri().resolve(given);
                location = absolute.toString();
                response.getHeaders().putSingle(HttpHeaders.LOCATION, absolute);
            }
            keys.complete(
                    scope,
                    new Stored(
                            response.getStatus(),
                            type == null ? null : type.toString(),
                            location,
                            new String(body, StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            // the key stays in progress until it is stale: a retry meanwhile gets a 409
            logger.warn("Answer to idempotency key not stored: {}", e.toString());
        }
    }

    private static byte[] bytes(Object entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] b) {
            return b;
        }
        if (entity instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsBytes(entity);
    }
}
