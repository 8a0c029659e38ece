package io.facteur.core.internal.rest;

import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.security.ApiKeys;
import io.facteur.core.internal.security.ApiKeys.IssuedKey;
import io.facteur.core.internal.security.ApiKeys.KeyInfo;
import io.swagger.v3.oas.annotations.Operation;
import java.sql.SQLException;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/dossiers/{d}/api-keys}: keys of invoicing software, made and revoked by admins. */
@Component(service = ApiKeysResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {
    private final DossierService dossiers;
    private final ApiKeys keys;

    @Activate
    public ApiKeysResource(@Reference DossierService dossiers, @Reference ApiKeys keys) {
        this.dossiers = dossiers;
        this.keys = keys;
    }

    /**
     * What a new key is for.
     *
     * @param label a name for the software that will use it
     */
    public record NewKey(String label) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an API key for the dossier; the key is in this answer only")
    public Response issue(
            @PathParam("dossier") String dossier, NewKey body, @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        String label = body == null || body.label() == null ? "" : body.label().strip();
        if (label.isEmpty() || label.length() > 200) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "A label of 1 to 200 characters is expected",
                    List.of(new Problem.FieldError("label", "required, at most 200 characters")));
        }
        IssuedKey issued = keys.issue(dossier, label);
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @GET
    @Operation(summary = "The dossier's API keys, without their secrets")
    public List<KeyInfo> list(
            @PathParam("dossier") String dossier, @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        return keys.list(dossier);
    }

    @DELETE
    @Path("{key}")
    @Operation(summary = "Revoke an API key")
    public Response revoke(
            @PathParam("dossier") String dossier,
            @PathParam("key") String key,
            @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        if (!keys.revoke(dossier, key)) {
            throw ProblemException.notFound(
                    "No active key " + (key.length() > 32 ? key.substring(0, 32) : key));
        }
        return Response.noContent().build();
    }
}
