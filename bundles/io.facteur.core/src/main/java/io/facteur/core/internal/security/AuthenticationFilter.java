package io.facteur.core.internal.security;

import io.facteur.core.internal.rest.FacteurApplication;
import io.facteur.core.internal.rest.ProblemException;
import io.facteur.core.internal.rest.ProblemType;
import java.security.Principal;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Authenticates every request of the API before it is matched: HTTP Basic against the Karaf realm
 * for admins, {@code Authorization: Bearer <key>} (or {@code X-API-Key}) for invoicing software.
 * Only the health check and the OpenAPI description are open. Also refuses bodies over the limit.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = SecurityConfig.PID)
@Designate(ocd = SecurityConfig.class)
@JaxrsExtension
@JaxrsName("facteur.authentication")
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    private static final Set<String> OPEN = Set.of("health", "openapi.json");
    private final ApiKeys apiKeys;
    private volatile RealmAuthenticator realm;
    private volatile int maxJsonBytes;

    @Activate
    public AuthenticationFilter(@Reference ApiKeys apiKeys, SecurityConfig config) {
        this.apiKeys = apiKeys;
        modified(config);
    }

    @Modified
    void modified(SecurityConfig config) {
        this.realm = new RealmAuthenticator(config.realm(), config.adminRole());
        this.maxJsonBytes = config.maxJsonBytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        limitBody(request);
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (OPEN.contains(path) && "GET".equals(request.getMethod())) {
            return;
        }
        Caller caller =
                authenticate(request)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                ProblemType.UNAUTHENTICATED,
                                                "Give an admin's user and password (HTTP Basic) or an API key (Bearer)"));
        if (!caller.admin() && caller.dossier().isEmpty()) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN, "This user is not an admin of Facteur");
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(
                new SecurityContext() {
                    @Override
                    public Principal getUserPrincipal() {
                        return caller;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        if (io.facteur.api.Roles.ADMIN.equals(role)) {
                            return caller.admin();
                        }
                        String dossier = io.facteur.api.Roles.dossierOf(role);
                        return dossier != null && caller.sees(dossier);
                    }

                    @Override
                    public boolean isSecure() {
                        return secure;
                    }

                    @Override
                    public String getAuthenticationScheme() {
                        return caller.admin() ? BASIC_AUTH : "Bearer";
                    }
                });
    }

    private void limitBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean json = type == null || type.contains("json");
        if (!json) {
            return; // uploads of documents have limits of their own
        }
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxJsonBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Invalid Content-Length");
            }
        }
        if (request.hasEntity()) {
            request.setEntityStream(
                    new BoundedInputStream(
                            request.getEntityStream(), maxJsonBytes, this::tooLarge));
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "JSON bodies are limited to " + maxJsonBytes + " bytes");
    }

    private Optional<Caller> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeaderString("X-API-Key");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return realm.basic(header);
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            apiKey = header.substring(7).strip();
        }
        if (apiKey == null) {
            return Optional.empty();
        }
        try {
            return apiKeys.authenticate(apiKey)
                    .map(k -> new Caller(k.id(), false, Optional.of(k.dossier())));
        } catch (SQLException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The database does not answer");
        }
    }
}
