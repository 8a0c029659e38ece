package io.facteur.core.internal.rest;

import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.core.internal.customer.Customer;
import io.facteur.core.internal.customer.CustomerStore;
import io.facteur.core.internal.customer.Emails;
import io.facteur.core.internal.delivery.Deliveries;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.inbox.InboxService;
import io.swagger.v3.oas.annotations.Operation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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
 * {@code /api/dossiers/{d}/customers}: the dossier's customer directory, filled from the buyers of
 * its invoices and edited here: e-mail addresses, language, postal address, preferred channel and
 * format. Correcting the addresses of a customer whose e-mail bounced sends the invoice again while
 * the dossier's correction window is open.
 */
@Component(service = CustomersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomersResource {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}]");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<String> LANGUAGES = List.of("fr", "en", "de");
    private static final int MAX_EMAILS = 10;

    private final DossierService dossiers;
    private final InboxService inbox;
    private final Deliveries deliveries;

    @Activate
    public CustomersResource(
            @Reference DossierService dossiers,
            @Reference InboxService inbox,
            @Reference Deliveries deliveries) {
        this.dossiers = dossiers;
        this.inbox = inbox;
        this.deliveries = deliveries;
    }

    /**
     * A customer as a user gives it.
     *
     * @param name display name (required)
     * @param vatId at creation only: the VAT id that invoices name the buyer by (BT-48)
     * @param registrationId at creation only: its legal registration (BT-47), used when it has no
     *     VAT id
     * @param identifier at creation only: the seller's id of the buyer (BT-46), used when it has
     *     neither
     * @param emails e-mail addresses
     * @param language fr, en or de; empty for the dossier's
     * @param address postal address, null when unknown
     * @param preferredChannel a delivery channel's capability id, empty to let Facteur choose
     * @param preferredFormat a format id, or a receiver adapter's capability id, empty for the
     *     original
     * @param buyerReference the buyer reference its receiver requires (BT-10, a Leitweg-ID)
     * @param electronicAddress its electronic address for networks (BT-49), {@code scheme:value}
     *     such as {@code 0208:0123456789}
     */
    public record CustomerInput(
            String name,
            String vatId,
            String registrationId,
            String identifier,
            List<String> emails,
            String language,
            PostalAddress address,
            String preferredChannel,
            String preferredFormat,
            String buyerReference,
            String electronicAddress) {}

    @GET
    @Operation(summary = "The dossier's customers by name; q filters on name and e-mail")
    public List<Customer> list(
            @PathParam("dossier") String dossier,
            @QueryParam("q") String q,
            @QueryParam("limit") Integer limit,
            @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        return inbox.customers()
                .list(dossier, q == null ? null : clip(q, 100), limit == null ? 200 : limit);
    }

    @GET
    @Path("{customer}")
    @Operation(summary = "One customer")
    public Customer get(
            @PathParam("dossier") String dossier,
            @PathParam("customer") String id,
            @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        return find(dossier, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Add a customer before its first invoice; invoices find it by the buyer's VAT"
                            + " id, else registration, else identifier, else name; 409 when the"
                            + " directory has it already")
    public Response create(
            @PathParam("dossier") String dossier,
            CustomerInput input,
            @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        check(input, true);
        Party party =
                new Party(
                        input.name(),
                        input.identifier(),
                        input.registrationId(),
                        input.vatId(),
                        null,
                        input.address());
        String key = CustomerStore.matchKey(party).orElseThrow();
        Customer k =
                customer(
                        input,
                        io.facteur.core.internal.Ids.next(),
                        dossier,
                        key,
                        Access.caller(security).name());
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                boolean taken = inbox.customers().findByKey(c, dossier, key).isPresent();
                if (taken) {
                    c.rollback();
                    throw new ProblemException(
                            ProblemType.CONFLICT, "The directory has this customer already");
                }
                inbox.customers().save(c, k, true);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return Response.status(Response.Status.CREATED).entity(k).build();
    }

    @PUT
    @Path("{customer}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Replace a customer's details; new addresses send the invoices whose e-mail"
                            + " bounced again while the correction window is open")
    public Customer update(
            @PathParam("dossier") String dossier,
            @PathParam("customer") String id,
            CustomerInput input,
            @Context SecurityContext security)
            throws SQLException {
        Access.dossier(security, dossiers, dossier);
        check(input, false);
        Customer before = find(dossier, id);
        String by = Access.caller(security).name();
        Customer after = customer(input, before.id(), dossier, before.matchKey(), by);
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                inbox.customers().save(c, after, false);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (!after.emails().equals(before.emails())
                || !Objects.equals(after.address(), before.address())) {
            deliveries.corrected(dossier, id, by);
        }
        return find(dossier, id);
    }

    private Customer find(String dossier, String id) throws SQLException {
        Optional<Customer> k =
                id == null || id.length() > 40
                        ? Optional.empty()
                        : inbox.customers().find(dossier, id);
        return k.orElseThrow(() -> ProblemException.notFound("No customer " + clip(id, 40)));
    }

    private static Customer customer(
            CustomerInput in, String id, String dossier, String key, String by) {
        return new Customer(
                id,
                dossier,
                key,
                in.name().trim(),
                in.emails() == null ? List.of() : in.emails().stream().map(String::trim).toList(),
                blank(in.language()) ? null : in.language(),
                in.address(),
                blank(in.preferredChannel()) ? null : in.preferredChannel(),
                blank(in.preferredFormat()) ? null : in.preferredFormat(),
                blank(in.buyerReference()) ? null : in.buyerReference().strip(),
                blank(in.electronicAddress()) ? null : in.electronicAddress().strip(),
                by,
                Instant.now());
    }

    /** Refuses what the directory must not hold, attribute by attribute. */
    private static void check(CustomerInput in, boolean creating) {
        if (in == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A customer is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (blank(in.name()) || in.name().length() > 300 || bad(in.name())) {
            errors.add(new Problem.FieldError("name", "required, at most 300 characters"));
        }
        if (creating && in.vatId() != null && !in.vatId().matches("[A-Za-z0-9 ]{0,32}")) {
            errors.add(new Problem.FieldError("vatId", "at most 32 letters or digits"));
        }
        if (creating
                && in.registrationId() != null
                && !in.registrationId().matches("[A-Za-z0-9 ]{0,32}")) {
            errors.add(new Problem.FieldError("registrationId", "at most 32 letters or digits"));
        }
        if (creating
                && in.identifier() != null
                && (in.identifier().length() > 100 || bad(in.identifier()))) {
            errors.add(new Problem.FieldError("identifier", "at most 100 characters"));
        }
        List<String> emails = in.emails() == null ? List.of() : in.emails();
        if (emails.size() > MAX_EMAILS) {
            errors.add(new Problem.FieldError("emails", "at most " + MAX_EMAILS + " addresses"));
        }
        for (String e : emails) {
            if (e == null || !Emails.valid(e.trim())) {
                errors.add(
                        new Problem.FieldError(
                                "emails", "not an e-mail address: " + clip(String.valueOf(e), 80)));
            }
        }
        if (!blank(in.language()) && !LANGUAGES.contains(in.language())) {
            errors.add(new Problem.FieldError("language", "one of " + LANGUAGES));
        }
        if (!blank(in.preferredChannel()) && !CHANNEL.matcher(in.preferredChannel()).matches()) {
            errors.add(
                    new Problem.FieldError(
                            "preferredChannel", "a capability id such as delivery.postal"));
        }
        if (!blank(in.preferredFormat()) && !CHANNEL.matcher(in.preferredFormat()).matches()) {
            errors.add(new Problem.FieldError("preferredFormat", "a format id"));
        }
        if (!blank(in.buyerReference())
                && (in.buyerReference().length() > 200 || bad(in.buyerReference()))) {
            errors.add(new Problem.FieldError("buyerReference", "at most 200 characters"));
        }
        if (!blank(in.electronicAddress())
                && !in.electronicAddress().strip().matches("[0-9]{4}:[^\\s:]{1,200}")) {
            errors.add(
                    new Problem.FieldError(
                            "electronicAddress",
                            "scheme:value, a four-digit scheme (ISO 6523 ICD or EAS) such as"
                                    + " 0208:0123456789"));
        }
        PostalAddress a = in.address();
        if (a != null) {
            if (blank(a.line1()) || a.line1().length() > 300 || bad(a.line1())) {
                errors.add(new Problem.FieldError("address.line1", "required, at most 300"));
            }
            if (a.line2() != null && (a.line2().length() > 300 || bad(a.line2()))) {
                errors.add(new Problem.FieldError("address.line2", "at most 300 characters"));
            }
            if (blank(a.city()) || a.city().length() > 200 || bad(a.city())) {
                errors.add(new Problem.FieldError("address.city", "required, at most 200"));
            }
            if (blank(a.postCode()) || !a.postCode().matches("[A-Za-z0-9 -]{1,40}")) {
                errors.add(
                        new Problem.FieldError("address.postCode", "letters, digits, - or space"));
            }
            if (a.countryCode() == null || !COUNTRY.matcher(a.countryCode()).matches()) {
                errors.add(
                        new Problem.FieldError("address.countryCode", "ISO 3166-1 alpha-2, as FR"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST, "The customer is not valid", errors);
        }
    }

    private static boolean bad(String s) {
        return CONTROL.matcher(s).find();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
