package io.facteur.core.internal.rest;

import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.registry.CapabilityRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/health}: open to all, says only whether the database and registry are up. */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final Database database;
    private final CapabilityRegistry registry;

    @Activate
    public HealthResource(@Reference Database database, @Reference CapabilityRegistry registry) {
        this.database = database;
        this.registry = registry;
    }

    /**
     * The health of the platform.
     *
     * @param status UP when everything answers, DOWN otherwise
     * @param database UP or DOWN
     * @param registry UP with the number of capabilities installed
     */
    public record Health(String status, String database, Map<String, Object> registry) {}

    @GET
    @Operation(summary = "Health of the database and the capability registry; no authentication")
    public Response health() {
        boolean db = database.healthy();
        Health health =
                new Health(
                        db ? "UP" : "DOWN",
                        db ? "UP" : "DOWN",
                        Map.of("status", "UP", "capabilities", registry.list().size()));
        return Response.status(db ? 200 : 503).entity(health).build();
    }
}
