package io.facteur.core.internal.rest;

import io.facteur.api.Archive;
import io.facteur.core.internal.dossier.DossierService;
import io.swagger.v3.oas.annotations.Operation;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/dossiers/{d}/archive}: a dossier's legal archive, through the installed {@link
 * Archive} capability: verify everything, seal now, export it whole.
 */
@Component(service = ArchiveResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/archive")
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {
    private final DossierService dossiers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Archive archive;

    private final io.facteur.core.internal.archive.ArchivePurge purge;

    @Activate
    public ArchiveResource(
            @Reference DossierService dossiers,
            @Reference io.facteur.core.internal.archive.ArchivePurge purge) {
        this.dossiers = dossiers;
        this.purge = purge;
    }

    @GET
    @Path("verify")
    @Operation(
            summary =
                    "Re-hash every archived document, walk the journal's chain and check the seals;"
                            + " every missing, changed or reordered entry is named")
    public Archive.IntegrityReport verify(
            @PathParam("dossier") String dossier, @Context SecurityContext security) {
        Access.dossier(security, dossiers, dossier);
        return archive().verify(dossier);
    }

    @POST
    @Path("seal")
    @Operation(
            summary = "Seal the entries archived since the last seal now (404 when there are none)")
    public Archive.Seal seal(
            @PathParam("dossier") String dossier, @Context SecurityContext security) {
        Access.dossier(security, dossiers, dossier);
        return archive()
                .seal(dossier)
                .orElseThrow(() -> ProblemException.notFound("Nothing to seal in " + dossier));
    }

    @GET
    @Path("export")
    @Produces("application/zip")
    @Operation(
            summary =
                    "The dossier's whole archive as one file (originals, metadata, journal, seals),"
                            + " to be verified outside Facteur")
    public Response export(
            @PathParam("dossier") String dossier, @Context SecurityContext security) {
        Access.dossier(security, dossiers, dossier);
        Archive current = archive();
        StreamingOutput body = out -> current.export(dossier, out);
        return Response.ok(body, "application/zip")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\""
                                + dossier.replaceAll("[^A-Za-z0-9_-]", "_")
                                + "-archive.zip\"")
                .build();
    }

    @POST
    @Path("purge")
    @Operation(
            summary =
                    "Admins only: delete the archived documents whose retention ended (never"
                            + " before); each deletion is journaled and on the invoice's timeline")
    public PurgeView purge(@PathParam("dossier") String dossier, @Context SecurityContext security)
            throws java.sql.SQLException {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
        if (!purge.available()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "No archive is installed");
        }
        java.util.List<String> purged = purge.purge(dossier, Access.caller(security).name());
        return new PurgeView(purged.size(), purged);
    }

    /**
     * What a purge deleted.
     *
     * @param count how many invoices
     * @param invoices their ids
     */
    public record PurgeView(int count, java.util.List<String> invoices) {}

    private Archive archive() {
        Archive current = archive;
        if (current == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "No archive is installed");
        }
        return current;
    }
}
