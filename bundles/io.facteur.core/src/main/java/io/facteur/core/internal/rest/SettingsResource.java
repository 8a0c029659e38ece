package io.facteur.core.internal.rest;

import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.settings.DossierSettings;
import io.facteur.core.internal.settings.SettingsService;
import io.facteur.core.internal.settings.SettingsService.InvalidSettingsException;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/dossiers/{d}/settings/{capability}}: a dossier's settings of one capability,
 * validated against its Metatype and kept in ConfigAdmin. Admins only.
 */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/settings/{capability}")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    private final DossierService dossiers;
    private final SettingsService settings;

    @Activate
    public SettingsResource(
            @Reference DossierService dossiers, @Reference SettingsService settings) {
        this.dossiers = dossiers;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The dossier's settings of a capability; secrets are only listed as set")
    public DossierSettings get(
            @PathParam("dossier") String dossier,
            @PathParam("capability") String capability,
            @Context SecurityContext security)
            throws IOException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        return settings.get(dossier, capability).orElseThrow(() -> unknown(capability));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Replace the dossier's settings of a capability; a secret left out keeps its value")
    public DossierSettings put(
            @PathParam("dossier") String dossier,
            @PathParam("capability") String capability,
            Map<String, Object> values,
            @Context SecurityContext security)
            throws IOException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        if (values == null) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST, "A JSON object of settings is expected");
        }
        try {
            return settings.put(dossier, capability, values).orElseThrow(() -> unknown(capability));
        } catch (InvalidSettingsException e) {
            throw new ProblemException(
                    ProblemType.INVALID_SETTINGS,
                    "Settings of " + capability + " refused; nothing was changed",
                    e.violations().stream()
                            .map(v -> new Problem.FieldError(v.attribute(), v.message()))
                            .toList());
        }
    }

    private static ProblemException unknown(String capability) {
        String shown = capability.length() > 64 ? capability.substring(0, 64) : capability;
        return ProblemException.notFound("No capability " + shown + " with settings is installed");
    }
}
