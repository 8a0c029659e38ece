package io.facteur.core.internal.rest;

import io.facteur.core.internal.registry.CapabilityInfo;
import io.facteur.core.internal.registry.CapabilityRegistry;
import io.facteur.core.internal.registry.SettingsSchema;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/capabilities}: what is installed, and the settings each one declares. */
@Component(service = CapabilitiesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("capabilities")
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {
    private final CapabilityRegistry registry;

    @Activate
    public CapabilitiesResource(@Reference CapabilityRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Installed capabilities: id, kind, label, bundle, version, state")
    public List<CapabilityInfo> list() {
        return registry.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One installed capability")
    public CapabilityInfo get(@PathParam("id") String id) {
        return registry.find(id).orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("{id}/schema")
    @Operation(
            summary =
                    "The capability's settings from its Metatype, in the Accept-Language language")
    public SettingsSchema schema(@PathParam("id") String id, @Context HttpHeaders headers) {
        registry.find(id).orElseThrow(() -> unknown(id));
        List<Locale> languages = headers.getAcceptableLanguages();
        Locale locale =
                languages.isEmpty() || languages.get(0).getLanguage().equals("*")
                        ? Locale.ENGLISH
                        : languages.get(0);
        return registry.schema(id, locale)
                .orElseThrow(
                        () -> ProblemException.notFound("Capability " + id + " has no settings"));
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound(
                "No capability " + (id.length() > 64 ? id.substring(0, 64) : id));
    }
}
