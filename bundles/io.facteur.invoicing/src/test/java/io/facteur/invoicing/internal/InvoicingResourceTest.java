package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facteur.api.Dossiers;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.Roles;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The invoicing API as a client sees it, over real Derby: every refusal a problem document that
 * names the fields at fault, nothing half saved, numbers taken only by what is issued.
 */
class InvoicingResourceTest {
    private static final String DOSSIER = "dossier-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension final TestDerby derby = new TestDerby();

    private final TestClock clock =
            new TestClock(ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, TestClock.PARIS));
    private final RecordingInbox inbox = new RecordingInbox();
    private final PdfInvoiceEmbedder embedder = (pdf, xml) -> pdf;
    private InvoicingResource resource;

    private static final SecurityContext ADMIN =
            caller("admin", Roles.ADMIN, Roles.dossier(DOSSIER));
    private static final SecurityContext KEY = caller("key-1", Roles.dossier(DOSSIER));
    private static final SecurityContext OTHER = caller("key-2", Roles.dossier("other"));

    @BeforeEach
    void setUp() throws Exception {
        InvoicingDatabase database = new InvoicingDatabase(derby.dataSource());
        Issuing issuing =
                new Issuing(
                        database,
                        inbox,
                        embedder,
                        clock,
                        LanguageRule.customerOr("fr"),
                        Duration.ofMinutes(2));
        resource = new InvoicingResource(database, issuing, new OneDossier());
    }

    private static SecurityContext caller(String name, String... roles) {
        Set<String> held = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Basic";
            }
        };
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree((String) response.getEntity());
    }

    private static List<String> pointers(Response response) throws Exception {
        List<String> out = new ArrayList<>();
        json(response).path("errors").forEach(e -> out.add(e.path("pointer").asText()));
        return out;
    }

    private static String profileJson(String iban, String legalName) {
        return """
                {"legalName": "%s", "siren": "732829320", "vatId": "FR44732829320",
                 "address": {"line1": "1 rue de la Paix", "postcode": "75002", "city": "Paris",
                             "countryCode": "FR"},
                 "email": "factures@acme.fr", "iban": "%s", "bic": "BNPAFRPP",
                 "paymentTerm": {"kind": "DAYS_END_OF_MONTH", "days": 30}}
                """
                .formatted(legalName, iban);
    }

    private static String draftJson(String rate) {
        return """
                {"creditNote": false, "currency": "EUR", "paymentMeansCode": "30",
                 "buyer": {"name": "Client SA", "vatId": "FR61954506077",
                           "address": {"line1": "2 avenue Foch", "postcode": "69006",
                                       "city": "Lyon", "countryCode": "FR"},
                           "email": "compta@client.fr"},
                 "lines": [{"description": "Conseil", "quantity": "2", "unit": "HUR",
                            "unitPrice": "450.00", "vatCategory": "S", "vatRate": "%s"}]}
                """
                .formatted(rate);
    }

    private void profile() throws Exception {
        Response saved =
                resource.saveProfile(
                        DOSSIER, profileJson("FR7630006000011234567890189", "ACME SAS"), ADMIN);
        assertThat(saved.getStatus()).as((String) saved.getEntity()).isEqualTo(200);
    }

    @Test
    void theProfileIsPrefilledFromTheDossierThenSavedOnlyWhenRightAndOnlyByAnAdmin()
            throws Exception {
        JsonNode empty = json(resource.profile(DOSSIER, KEY));
        assertThat(empty.path("configured").asBoolean()).isFalse();
        assertThat(empty.path("profile").path("legalName").asText()).isEqualTo("Acme SAS");
        assertThat(empty.path("profile").path("paymentTerm").path("days").asInt()).isEqualTo(45);

        byte[] notAnImage = "GIF89a not a logo".getBytes(StandardCharsets.US_ASCII);
        String bad =
                profileJson("FR7630006000011234567890100", "")
                        .replace(
                                "\"bic\"",
                                "\"logo\": \""
                                        + Base64.getEncoder().encodeToString(notAnImage)
                                        + "\", \"bic\"");
        Response refused = resource.saveProfile(DOSSIER, bad, ADMIN);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(json(refused).path("type").asText()).isEqualTo("urn:facteur:problem:invalid");
        assertThat(pointers(refused)).containsExactlyInAnyOrder("/legalName", "/iban", "/logo");
        assertThat(json(resource.profile(DOSSIER, ADMIN)).path("configured").asBoolean()).isFalse();

        assertThat(
                        resource.saveProfile(
                                        DOSSIER,
                                        profileJson("FR7630006000011234567890189", "ACME SAS"),
                                        KEY)
                                .getStatus())
                .isEqualTo(403);
        profile();
        assertThat(json(resource.profile(DOSSIER, KEY)).path("configured").asBoolean()).isTrue();
    }

    @Test
    void malformedBodiesAreRefusedWithTheFieldAndNothingIsStored() throws Exception {
        Response wrongType =
                resource.create(DOSSIER, draftJson("20").replace("\"2\"", "\"two\""), KEY);
        Response notJson = resource.create(DOSSIER, "{\"lines\": [", KEY);
        Response tooLarge =
                resource.create(DOSSIER, "x".repeat(InvoicingResource.MAX_BODY_CHARS + 1), KEY);

        assertThat(wrongType.getStatus()).isEqualTo(400);
        assertThat(json(wrongType).path("type").asText())
                .isEqualTo("urn:facteur:problem:malformed-request");
        assertThat(pointers(wrongType)).containsExactly("/lines/0/quantity");
        assertThat(notJson.getStatus()).isEqualTo(400);
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(json(resource.list(DOSSIER, "all", KEY))).isEmpty();
    }

    @Test
    void aDraftIsCheckedLiveIssuedOnceWithTheNextNumberAndNeverChangedAfter() throws Exception {
        profile();
        JsonNode preview = json(resource.preview(DOSSIER, draftJson("0"), KEY));
        assertThat(preview.path("problems").findValuesAsText("pointer"))
                .containsExactly("/lines/0/vatRate");
        assertThat(preview.path("totals").path("payable").decimalValue())
                .isEqualByComparingTo("900");

        Response created = resource.create(DOSSIER, draftJson("0"), KEY);
        assertThat(created.getStatus()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(created.getLocation().toString())
                .isEqualTo("dossiers/" + DOSSIER + "/invoicing/documents/" + id);
        long version = json(created).path("version").asLong();

        Response invalid = resource.issue(DOSSIER, id, "{\"version\": " + version + "}", KEY);
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(pointers(invalid)).containsExactly("/lines/0/vatRate");
        assertThat(json(resource.numbering(DOSSIER, KEY)).path("next").asText())
                .isEqualTo("F2026-00001");

        Response updated =
                resource.update(
                        DOSSIER,
                        id,
                        "{\"version\": " + version + ", \"draft\": " + draftJson("20") + "}",
                        KEY);
        assertThat(updated.getStatus()).isEqualTo(200);
        long newVersion = json(updated).path("version").asLong();
        Response stale =
                resource.update(
                        DOSSIER,
                        id,
                        "{\"version\": " + version + ", \"draft\": " + draftJson("20") + "}",
                        KEY);
        assertThat(stale.getStatus()).isEqualTo(409);

        Response issued = resource.issue(DOSSIER, id, "{\"version\": " + newVersion + "}", KEY);
        assertThat(issued.getStatus()).as((String) issued.getEntity()).isEqualTo(200);
        JsonNode invoice = json(issued);
        assertThat(invoice.path("number").asText()).isEqualTo("F2026-00001");
        assertThat(invoice.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(invoice.path("dueDate").asText()).isEqualTo("2026-04-30");
        assertThat(invoice.path("totals").path("payable").decimalValue())
                .isEqualByComparingTo("1080.00");
        assertThat(inbox.stored()).hasSize(1);

        assertThat(resource.issue(DOSSIER, id, "", KEY).getStatus()).isEqualTo(409);
        assertThat(
                        resource.update(
                                        DOSSIER,
                                        id,
                                        "{\"version\": "
                                                + invoice.path("version").asLong()
                                                + ", \"draft\": "
                                                + draftJson("20")
                                                + "}",
                                        KEY)
                                .getStatus())
                .isEqualTo(409);
        assertThat(resource.delete(DOSSIER, id, invoice.path("version").asLong(), KEY).getStatus())
                .isEqualTo(409);

        Response pdf = resource.pdf(DOSSIER, id, KEY);
        assertThat(pdf.getStatus()).isEqualTo(303);
        assertThat(pdf.getLocation().toString())
                .isEqualTo(
                        "dossiers/"
                                + DOSSIER
                                + "/invoices/"
                                + invoice.path("inboxDocumentId").asText()
                                + "/original");
    }

    @Test
    void aDraftCanBeLookedAtAsAPdfMarkedAsADraft() throws Exception {
        profile();
        String id = json(resource.create(DOSSIER, draftJson("20"), KEY)).path("id").asText();

        Response pdf = resource.pdf(DOSSIER, id, KEY);

        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getMediaType().toString()).isEqualTo("application/pdf");
        byte[] bytes = (byte[]) pdf.getEntity();
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains("BROUILLON");
        }
        assertThat(inbox.stored()).isEmpty();
    }

    @Test
    void tooManyLinesAreRefusedWithALimitAndAnotherDossiersKeySeesNothing() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= DraftCheck.MAX_LINES; i++) {
            lines.append(i == 0 ? "" : ",")
                    .append(
                            "{\"description\": \"x\", \"quantity\": \"1\", \"unitPrice\": \"1\","
                                    + " \"vatCategory\": \"S\", \"vatRate\": \"20\"}");
        }
        Response tooMany =
                resource.create(
                        DOSSIER, "{\"currency\": \"EUR\", \"lines\": [" + lines + "]}", KEY);
        assertThat(tooMany.getStatus()).isEqualTo(400);
        assertThat(pointers(tooMany)).containsExactly("/lines");

        String id = json(resource.create(DOSSIER, draftJson("20"), KEY)).path("id").asText();
        for (Response r :
                List.of(
                        resource.one(DOSSIER, id, OTHER),
                        resource.list(DOSSIER, null, OTHER),
                        resource.profile(DOSSIER, OTHER),
                        resource.issue(DOSSIER, id, "", OTHER),
                        resource.one("nowhere", id, ADMIN))) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(json(r).path("type").asText()).isEqualTo("urn:facteur:problem:not-found");
        }
    }

    /** One dossier, French, whose invoices fall due 45 days after their issue. */
    private static final class OneDossier implements Dossiers {
        @Override
        public Optional<Dossier> find(String dossierId) {
            return DOSSIER.equals(dossierId)
                    ? Optional.of(
                            new Dossier(
                                    DOSSIER, "Acme SAS", "FR", "732829320", "FR44732829320", "fr"))
                    : Optional.empty();
        }

        @Override
        public DossierDefaults defaults(String dossierId) {
            return new DossierDefaults(
                    "fr", 45, false, false, DuplicateMode.WARN, 10, LanguageSource.COMPANY, 48);
        }
    }
}
