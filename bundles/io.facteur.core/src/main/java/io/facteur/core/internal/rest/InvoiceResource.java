package io.facteur.core.internal.rest;

import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.pipeline.Pipeline;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.sql.SQLException;
import javax.ws.rs.GET;
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

/**
 * {@code /api/dossiers/{d}/invoices/{id}}: one invoice as read and checked, the file exactly as
 * received, and its invoice XML.
 */
@Component(service = InvoiceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/invoices/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {
    private final DossierService dossiers;
    private final InboxService inbox;
    private final Pipeline pipeline;

    @Activate
    public InvoiceResource(
            @Reference DossierService dossiers,
            @Reference InboxService inbox,
            @Reference Pipeline pipeline) {
        this.dossiers = dossiers;
        this.inbox = inbox;
        this.pipeline = pipeline;
    }

    @GET
    @Operation(summary = "One invoice: what was read, its validation findings and its timeline")
    public InvoiceView get(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        return InvoiceView.detail(
                row,
                inbox.derived().invoice(row.id()).orElse(null),
                inbox.derived().report(row.id()).orElse(null),
                inbox.invoices().timeline(row.id()));
    }

    @GET
    @Path("original")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The document exactly as it was received")
    public Response original(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        return Response.ok(inbox.documents().read(row.sha256()), safeType(row.mediaType()))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + row.fileName().replace("\"", "") + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(
            summary =
                    "The invoice XML: the document itself, or the XML embedded in a Factur-X / ZUGFeRD PDF")
    public Response xml(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        if (row.reader() == null) {
            throw ProblemException.notFound("Invoice " + id + " was not recognised as an invoice");
        }
        io.facteur.api.InvoiceReader reader =
                pipeline.reader(row.reader())
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                ProblemType.UNAVAILABLE,
                                                "The reader "
                                                        + row.reader()
                                                        + " is not installed"));
        byte[] xml =
                reader.invoiceXml(
                                new io.facteur.api.Document(
                                        row.fileName(),
                                        row.mediaType(),
                                        inbox.documents().read(row.sha256())))
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "Invoice " + id + " carries no XML"));
        return Response.ok(xml, MediaType.APPLICATION_XML_TYPE) // the XML declares its encoding
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private void check(SecurityContext security, String dossier) {
        Access.dossier(security, dossiers, dossier);
    }

    private InvoiceRow row(String dossier, String id) throws SQLException {
        return inbox.invoices()
                .find(dossier, id)
                .orElseThrow(
                        () ->
                                ProblemException.notFound(
                                        "No invoice "
                                                + (id.length() > 40 ? id.substring(0, 40) : id)));
    }

    private static String safeType(String type) {
        return type != null && type.matches("(application/(pdf|xml)|text/xml)(;.*)?")
                ? type
                : "application/octet-stream";
    }
}
