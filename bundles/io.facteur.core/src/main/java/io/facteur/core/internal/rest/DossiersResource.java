package io.facteur.core.internal.rest;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.api.Dossiers.DossierDefaults;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import javax.ws.rs.Consumes;
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

/** {@code /api/dossiers}: create, list and read dossiers. */
@Component(service = DossiersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers")
@Produces(MediaType.APPLICATION_JSON)
public class DossiersResource {
    private final DossierService dossiers;

    @Activate
    public DossiersResource(@Reference DossierService dossiers) {
        this.dossiers = dossiers;
    }

    /**
     * A dossier to create.
     *
     * @param id stable id: lower-case letters, digits and '-'
     * @param name display name
     * @param country ISO 3166-1 alpha-2 country
     * @param registrationId SIREN or other legal registration, optional
     * @param vatNumber VAT identifier, optional
     * @param language fr, en or de; fr when left out
     */
    public record NewDossier(
            String id,
            String name,
            String country,
            String registrationId,
            String vatNumber,
            String language) {}

    /**
     * A dossier as shown.
     *
     * @param dossier its identity
     * @param defaults its defaults
     */
    public record DossierView(
            String id,
            String name,
            String country,
            String registrationId,
            String vatNumber,
            String language,
            DossierDefaults defaults) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a dossier (admins)")
    public Response create(NewDossier body, @Context SecurityContext security)
            throws SQLException, IOException {
        Access.requireAdmin(security);
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON dossier is expected");
        }
        Dossier d =
                new Dossier(
                        body.id(),
                        body.name(),
                        body.country() == null ? null : body.country().strip(),
                        blank(body.registrationId()),
                        blank(body.vatNumber()),
                        body.language() == null ? "fr" : body.language());
        List<DossierService.Violation> violations = DossierService.check(d);
        if (!violations.isEmpty()) {
            throw new ProblemException(
                    ProblemType.INVALID_DOSSIER,
                    "The dossier is not valid",
                    violations.stream()
                            .map(v -> new Problem.FieldError(v.attribute(), v.message()))
                            .toList());
        }
        if (!dossiers.create(d)) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "A dossier " + d.id() + " exists already");
        }
        return Response.created(URI.create("dossiers/" + d.id())).entity(view(d)).build();
    }

    @GET
    @Operation(summary = "Dossiers this caller may see")
    public List<DossierView> list(@Context SecurityContext security) throws SQLException {
        Caller caller = Access.caller(security);
        return dossiers.list().stream().filter(d -> caller.sees(d.id())).map(this::view).toList();
    }

    @GET
    @Path("{dossier}")
    @Operation(summary = "One dossier with its defaults")
    public DossierView get(@PathParam("dossier") String id, @Context SecurityContext security) {
        return view(Access.dossier(security, dossiers, id));
    }

    private DossierView view(Dossier d) {
        return new DossierView(
                d.id(),
                d.name(),
                d.country(),
                d.registrationId(),
                d.vatNumber(),
                d.language(),
                dossiers.defaults(d.id()));
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }
}
