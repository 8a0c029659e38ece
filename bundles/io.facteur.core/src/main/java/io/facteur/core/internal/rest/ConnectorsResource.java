package io.facteur.core.internal.rest;

import io.facteur.api.ConnectionTest;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.export.ConnectorRow;
import io.facteur.core.internal.export.ConnectorState;
import io.facteur.core.internal.export.Connectors;
import io.facteur.core.internal.export.Connectors.Draft;
import io.facteur.core.internal.export.Connectors.View;
import io.facteur.core.internal.export.DocumentKinds;
import io.facteur.core.internal.export.ExportRow;
import io.facteur.core.internal.export.Exports;
import io.facteur.core.internal.export.Formats;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/dossiers/{d}/connectors}: a dossier's export connectors (SFTP, HTTP, ... whatever
 * connector kinds are installed). Fill the fields, test the connection, then switch it on; any
 * change of a connection setting needs a new test. Admins only: connectors carry secrets, which are
 * written and never read back.
 */
@Component(service = ConnectorsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/connectors")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorsResource {
    private static final int MAX_EXPORTS = 500;

    private final DossierService dossiers;
    private final Connectors connectors;
    private final Exports exports;
    private final Formats formats;

    @Activate
    public ConnectorsResource(
            @Reference DossierService dossiers,
            @Reference Connectors connectors,
            @Reference Exports exports,
            @Reference Formats formats) {
        this.dossiers = dossiers;
        this.connectors = connectors;
        this.exports = exports;
        this.formats = formats;
    }

    /**
     * A connector as a user gives it. On PUT, a field left out keeps its value; {@code settings},
     * when given, replace the connection settings (a secret left out keeps its value). {@code
     * state} (ACTIVE or DISABLED) switches the connector on or off and comes alone.
     *
     * @param kind the connector kind's capability id ({@code export.sftp}); at creation only
     * @param name its name
     * @param documents INVOICES, CREDIT_NOTES or ALL
     * @param statuses the invoice statuses at which a document is exported
     * @param format {@code original} or a format of {@code GET .../connectors/formats}
     * @param settings the connection settings of the kind's Metatype
     * @param state ACTIVE or DISABLED
     */
    public record ConnectorInput(
            String kind,
            String name,
            String documents,
            List<String> statuses,
            String format,
            Map<String, Object> settings,
            String state) {}

    /**
     * The last connection test.
     *
     * @param at when
     * @param success whether it succeeded
     * @param message what it found, in the language of who tested
     * @param confirm settings the admin is asked to confirm (an SSH host key)
     * @param current whether it was made with the connection settings as they are now
     */
    public record TestView(
            Instant at,
            boolean success,
            String message,
            Map<String, String> confirm,
            boolean current) {}

    /** A connector as the API shows it; secrets are only listed as set. */
    public record ConnectorView(
            String id,
            String dossier,
            String kind,
            String kindLabel,
            boolean installed,
            String name,
            DocumentKinds documents,
            Set<InvoiceStatus> statuses,
            String format,
            ConnectorState state,
            Map<String, Object> settings,
            List<String> secretsSet,
            String configuration,
            TestView lastTest,
            Instant createdAt,
            Instant updatedAt) {

        static ConnectorView of(View v) {
            ConnectorRow r = v.row();
            TestView test =
                    r.test() == null
                            ? null
                            : new TestView(
                                    r.test().at(),
                                    r.test().success(),
                                    r.test().message(),
                                    r.test().confirm(),
                                    v.state() != ConnectorState.DRAFT || !r.test().success());
            return new ConnectorView(
                    r.id(),
                    r.dossier(),
                    r.capability(),
                    v.label(),
                    v.installed(),
                    r.name(),
                    r.documents(),
                    r.statuses(),
                    r.format(),
                    v.state(),
                    v.settings(),
                    v.secretsSet(),
                    v.pid(),
                    test,
                    r.createdAt(),
                    r.updatedAt());
        }
    }

    /**
     * The outcome of a test.
     *
     * @param success whether the endpoint answered as expected
     * @param message what was found, in the caller's language
     * @param confirm settings to confirm (store them, then test again)
     * @param connector the connector after the test
     */
    public record TestResult(
            boolean success,
            String message,
            Map<String, String> confirm,
            ConnectorView connector) {}

    /** One export. */
    public record ExportView(
            String id,
            String invoiceId,
            String version,
            String replay,
            String format,
            String state,
            int attempts,
            String detail,
            String requestedBy,
            Instant createdAt,
            Instant updatedAt) {
        static ExportView of(ExportRow e) {
            return new ExportView(
                    e.id(),
                    e.invoiceId(),
                    e.version(),
                    e.replay().isEmpty() ? null : e.replay(),
                    e.format(),
                    e.state().name(),
                    e.attempts(),
                    e.detail(),
                    e.requestedBy(),
                    e.createdAt(),
                    e.updatedAt());
        }
    }

    /**
     * A period to export again, by issue date (BT-2), both days included.
     *
     * @param from first day, ISO 8601
     * @param to last day, ISO 8601
     */
    public record ReplayInput(String from, String to) {}

    @GET
    @Operation(summary = "The dossier's connectors, oldest first")
    public List<ConnectorView> list(
            @PathParam("dossier") String dossier, @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        return connectors.list(dossier).stream().map(ConnectorView::of).toList();
    }

    @GET
    @Path("formats")
    @Operation(
            summary =
                    "The formats a connector can export in now: the original, and those of the"
                            + " installed writers")
    public List<Formats.Format> formats(
            @PathParam("dossier") String dossier,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security) {
        check(security, dossier);
        return formats.list(language(lang, headers));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a connector; it starts as DRAFT and needs a successful test")
    public Response create(
            @PathParam("dossier") String dossier,
            ConnectorInput input,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        if (input == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON object is expected");
        }
        if (input.state() != null) {
            throw invalid(List.of(new Problem.FieldError("state", "a new connector is a DRAFT")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Draft draft =
                new Draft(
                        input.kind(),
                        input.name(),
                        documents(input.documents(), errors),
                        statuses(input.statuses(), errors),
                        input.format(),
                        input.settings() == null ? Map.of() : input.settings());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        try {
            View made = connectors.create(dossier, draft);
            return Response.created(
                            URI.create("dossiers/" + dossier + "/connectors/" + made.row().id()))
                    .entity(ConnectorView.of(made))
                    .build();
        } catch (Connectors.InvalidConnectorException e) {
            throw invalid(e);
        } catch (Connectors.NotInstalledException e) {
            throw new ProblemException(ProblemType.CONNECTOR_KIND_MISSING, e.getMessage());
        }
    }

    @GET
    @Path("{connector}")
    @Operation(summary = "One connector")
    public ConnectorView get(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        return connectors.get(dossier, id).map(ConnectorView::of).orElseThrow(() -> unknown(id));
    }

    @PUT
    @Path("{connector}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Change a connector (fields left out keep their value; a change of a"
                            + " connection setting needs a new test), or switch it on or off"
                            + " ({\"state\":\"ACTIVE\"} alone: 409 without a successful test)")
    public ConnectorView update(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            ConnectorInput input,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        if (input == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON object is expected");
        }
        View current = connectors.get(dossier, id).orElseThrow(() -> unknown(id));
        if (input.state() != null) {
            return switchTo(dossier, id, input);
        }
        ConnectorRow r = current.row();
        List<Problem.FieldError> errors = new ArrayList<>();
        Draft draft =
                new Draft(
                        input.kind(),
                        input.name() == null ? r.name() : input.name(),
                        input.documents() == null
                                ? r.documents()
                                : documents(input.documents(), errors),
                        input.statuses() == null
                                ? r.statuses()
                                : statuses(input.statuses(), errors),
                        input.format() == null ? r.format() : input.format(),
                        input.settings() == null ? current.settings() : input.settings());
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        try {
            return connectors
                    .update(dossier, id, draft)
                    .map(ConnectorView::of)
                    .orElseThrow(() -> unknown(id));
        } catch (Connectors.InvalidConnectorException e) {
            throw invalid(e);
        } catch (Connectors.NotInstalledException e) {
            throw new ProblemException(ProblemType.CONNECTOR_KIND_MISSING, e.getMessage());
        }
    }

    private ConnectorView switchTo(String dossier, String id, ConnectorInput input)
            throws SQLException, IOException {
        if (input.kind() != null
                || input.name() != null
                || input.documents() != null
                || input.statuses() != null
                || input.format() != null
                || input.settings() != null) {
            throw invalid(
                    List.of(
                            new Problem.FieldError(
                                    "state",
                                    "change the state alone: save the other fields first")));
        }
        ConnectorState target;
        try {
            target = ConnectorState.valueOf(input.state().strip());
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target != ConnectorState.ACTIVE && target != ConnectorState.DISABLED) {
            throw invalid(List.of(new Problem.FieldError("state", "must be ACTIVE or DISABLED")));
        }
        try {
            return connectors
                    .switchTo(dossier, id, target)
                    .map(ConnectorView::of)
                    .orElseThrow(() -> unknown(id));
        } catch (Connectors.StateException e) {
            throw new ProblemException(ProblemType.CONNECTOR_NOT_TESTED, e.getMessage());
        }
    }

    @DELETE
    @Path("{connector}")
    @Operation(summary = "Delete a connector; the exports it had not made yet are dropped")
    public Response delete(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        if (!connectors.delete(dossier, id)) {
            throw unknown(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{connector}/test")
    @Operation(
            summary =
                    "Test the connection with the connector's settings as they are now; a"
                            + " success lets it be switched on. The message is in the caller's"
                            + " language (lang, else Accept-Language)")
    public TestResult test(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        Locale language = language(lang, headers);
        try {
            Connectors.TestOutcome outcome =
                    connectors.test(dossier, id, language).orElseThrow(() -> unknown(id));
            ConnectionTest r = outcome.result();
            return new TestResult(
                    r.success(), r.message(), r.confirm(), ConnectorView.of(outcome.connector()));
        } catch (Connectors.NotInstalledException e) {
            throw new ProblemException(ProblemType.CONNECTOR_KIND_MISSING, e.getMessage());
        }
    }

    @GET
    @Path("{connector}/exports")
    @Operation(summary = "The connector's exports, newest first, with failures and their reasons")
    public List<ExportView> exports(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            @QueryParam("limit") Integer limit,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        connectors.row(dossier, id).orElseThrow(() -> unknown(id));
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, MAX_EXPORTS));
        return exports.ofConnector(id, max).stream().map(ExportView::of).toList();
    }

    @POST
    @Path("{connector}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Export again, from the archive, the documents issued in a period (a"
                            + " receiver lost files): each gets a new export with a new"
                            + " idempotency key")
    public Response replay(
            @PathParam("dossier") String dossier,
            @PathParam("connector") String id,
            ReplayInput input,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        if (input == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON object is expected");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate from = date("from", input.from(), errors);
        LocalDate to = date("to", input.to(), errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        try {
            Exports.Replay replay =
                    exports.replay(dossier, id, from, to, Access.caller(security).name())
                            .orElseThrow(() -> unknown(id));
            return Response.accepted(replay).build();
        } catch (IllegalArgumentException e) {
            throw invalid(List.of(new Problem.FieldError("to", e.getMessage())));
        }
    }

    private void check(SecurityContext security, String dossier) {
        Access.dossier(security, dossiers, dossier);
        Access.requireAdmin(security);
    }

    private static Locale language(String lang, HttpHeaders headers) {
        List<Locale> acceptable;
        try {
            acceptable = headers == null ? List.of() : headers.getAcceptableLanguages();
        } catch (RuntimeException e) {
            acceptable = List.of(); // a malformed Accept-Language counts as none
        }
        return RenderingLanguage.of(lang, acceptable);
    }

    private static DocumentKinds documents(String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null; // reported by the connectors as required
        }
        try {
            return DocumentKinds.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(
                    new Problem.FieldError(
                            "documents", "must be one of " + List.of(DocumentKinds.values())));
            return null;
        }
    }

    private static Set<InvoiceStatus> statuses(
            List<String> values, List<Problem.FieldError> errors) {
        Set<InvoiceStatus> out = EnumSet.noneOf(InvoiceStatus.class);
        if (values == null) {
            return out;
        }
        for (String v : values) {
            try {
                out.add(InvoiceStatus.valueOf(String.valueOf(v).strip()));
            } catch (IllegalArgumentException e) {
                errors.add(
                        new Problem.FieldError(
                                "statuses", "unknown status; one of " + Connectors.EXPORTABLE));
                return out;
            }
        }
        return out;
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "required, as YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "not a date of the form YYYY-MM-DD"));
            return null;
        }
    }

    private static ProblemException invalid(Connectors.InvalidConnectorException e) {
        return invalid(
                e.violations().stream()
                        .map(v -> new Problem.FieldError(v.attribute(), v.message()))
                        .toList());
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(
                ProblemType.INVALID_SETTINGS, "Connector refused; nothing was changed", errors);
    }

    private static ProblemException unknown(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) : id;
        return ProblemException.notFound("No connector " + shown + " in this dossier");
    }
}
