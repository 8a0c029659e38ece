package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.invoicing.internal.DocumentStateException.Reason;
import io.facteur.invoicing.internal.StoredDocument.State;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DocumentsTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private final TestClock clock =
            new TestClock(ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, TestClock.PARIS));
    private Documents documents;
    private SellerProfiles profiles;

    @BeforeEach
    void setUp() throws SQLException {
        InvoicingDatabase database = new InvoicingDatabase(derby.dataSource());
        documents = new Documents(database, clock);
        profiles = new SellerProfiles(database, clock);
    }

    @Test
    void aDraftIsStoredAndReadBackWhole() throws SQLException {
        Draft draft = IssuingTest.draft(SampleDrafts.frenchBuyer());

        StoredDocument created = documents.create("d1", draft);

        assertThat(created.state()).isEqualTo(State.DRAFT);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.number()).isNull();
        assertThat(created.creditNote()).isFalse();
        assertThat(created.draft()).isEqualTo(draft);
        assertThat(documents.list("d1"))
                .extracting(StoredDocument::id)
                .containsExactly(created.id());
        assertThat(documents.list("d2")).isEmpty();
        assertThat(documents.find("d2", created.id())).isEmpty();
    }

    @Test
    void aChangeMadeFromAnOlderVersionIsRefused() throws Exception {
        StoredDocument created =
                documents.create("d1", IssuingTest.draft(SampleDrafts.frenchBuyer()));
        Draft german = IssuingTest.draft(SampleDrafts.germanBuyer());

        StoredDocument updated = documents.update("d1", created.id(), 1, german);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.draft().buyer().name()).isEqualTo("Müller & Söhne GmbH");
        assertThatThrownBy(
                        () ->
                                documents.update(
                                        "d1",
                                        created.id(),
                                        1,
                                        IssuingTest.draft(SampleDrafts.swissBuyer())))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
        assertThatThrownBy(() -> documents.delete("d1", created.id(), 1))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
        assertThat(documents.find("d1", created.id()).orElseThrow().draft()).isEqualTo(german);

        documents.delete("d1", created.id(), 2);
        assertThat(documents.find("d1", created.id())).isEmpty();
    }

    @Test
    void anotherDossiersDraftIsNotFound() throws Exception {
        StoredDocument created =
                documents.create("d1", IssuingTest.draft(SampleDrafts.frenchBuyer()));

        assertThatThrownBy(
                        () ->
                                documents.update(
                                        "d2",
                                        created.id(),
                                        1,
                                        IssuingTest.draft(SampleDrafts.frenchBuyer())))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> documents.delete("d2", created.id(), 1))
                .isInstanceOfSatisfying(
                        DocumentStateException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void aCreditNoteIsStoredAsOne() throws SQLException {
        Draft credit =
                SampleDrafts.draft(
                        true,
                        "EUR",
                        "fr",
                        SampleDrafts.frenchBuyer(),
                        List.of(SampleDrafts.line("Avoir", "1", "100", "S", "20")),
                        List.of(),
                        java.util.Map.of());

        assertThat(documents.create("d1", credit).creditNote()).isTrue();
    }

    @Test
    void aSellerProfileIsStoredWithItsLogoAndReplaced() throws SQLException {
        SellerProfile seller = SampleInvoices.seller(SampleInvoices.logo());
        assertThat(profiles.find("d1")).isEmpty();

        profiles.save("d1", seller);
        SellerProfile read = profiles.find("d1").orElseThrow();

        assertThat(read.logo()).isEqualTo(seller.logo()).isNotEmpty();
        assertThat(read.paymentTerm()).isEqualTo(seller.paymentTerm());
        assertThat(Json.write(read)).isEqualTo(Json.write(seller));

        profiles.save("d1", SampleDrafts.seller());
        assertThat(profiles.find("d1").orElseThrow().legalName()).isEqualTo("Atelier Facteur SAS");
    }
}
