package io.facteur.core.internal.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.inbox.InboxFixture;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CustomerStoreTest {
    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    private Database database;
    private CustomerStore store;

    @BeforeEach
    void store() throws Exception {
        database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        store = new CustomerStore(database);
    }

    @Test
    void aBuyerIsRecognisedByVatIdElseRegistrationElseIdentifierElseName() {
        assertThat(CustomerStore.matchKey(party("Kunde", "", "", "de 123 456.789")))
                .contains("vat:DE123456789");
        assertThat(CustomerStore.matchKey(party("Kunde", "", "123 456 789", "")))
                .contains("reg:123456789");
        assertThat(CustomerStore.matchKey(party("Kunde", "C-42", "", ""))).contains("id:C42");
        assertThat(CustomerStore.matchKey(party("Kunden AG", "", "", "")))
                .contains("name:KUNDENAG");
        assertThat(CustomerStore.matchKey(party("", "", "", ""))).isEmpty();
        assertThat(CustomerStore.matchKey(null)).isEmpty();
    }

    @Test
    void whatAUserEditedIsKeptAndWhatIsMissingIsFilledIn() throws Exception {
        Party buyer =
                new Party(
                        "Kunden AG",
                        "",
                        "",
                        "DE123456789",
                        "",
                        new PostalAddress("Kundenstraße 15", "", "Frankfurt", "69876", "DE"));
        String id;
        try (Connection c = database.connection()) {
            id = store.fromBuyer(c, "acme", buyer).orElseThrow();
            Customer k = store.find(c, "acme", id).orElseThrow();
            store.save(
                    c,
                    new Customer(
                            k.id(),
                            k.dossier(),
                            k.matchKey(),
                            "Kunden AG (Einkauf)",
                            List.of(),
                            "de",
                            k.address(),
                            null,
                            null,
                            "04011000-12345-03",
                            "0204:04011000-12345-03",
                            "alice",
                            Instant.now()),
                    false);
            // a later invoice names an e-mail address: added; the name a user chose is kept
            Party again =
                    new Party("KUNDEN AG", "", "", "DE 123456789", "einkauf@kunden.example", null);
            assertThat(store.fromBuyer(c, "acme", again)).contains(id);
            Customer now = store.find(c, "acme", id).orElseThrow();
            assertThat(now.name()).isEqualTo("Kunden AG (Einkauf)");
            assertThat(now.emails()).containsExactly("einkauf@kunden.example");
            assertThat(now.language()).isEqualTo("de");
            assertThat(now.address().city()).isEqualTo("Frankfurt");
            // what its receiver requires stays, for receiver adapters
            assertThat(now.buyerReference()).isEqualTo("04011000-12345-03");
            assertThat(now.electronicAddress()).isEqualTo("0204:04011000-12345-03");
        }
        // an electronic address that is no e-mail address is not taken as one
        try (Connection c = database.connection()) {
            String other =
                    store.fromBuyer(c, "acme", party("Peppol GmbH", "", "", "DE999")).orElseThrow();
            Party peppol = new Party("Peppol GmbH", "", "", "DE999", "0204:991-12345-67", null);
            store.fromBuyer(c, "acme", peppol);
            assertThat(store.find(c, "acme", other).orElseThrow().emails()).isEmpty();
        }
    }

    @Test
    void twoInvoicesOfANewBuyerReadAtOnceMakeOneCustomer() throws Exception {
        Party buyer = party("Neu GmbH", "", "", "DE111222333");
        try (Connection first = database.connection()) {
            first.setAutoCommit(false);
            String one = store.fromBuyer(first, "acme", buyer).orElseThrow();
            CompletableFuture<Optional<String>> second =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (Connection c = database.connection()) {
                                    c.setAutoCommit(false);
                                    Optional<String> id = store.fromBuyer(c, "acme", buyer);
                                    c.commit();
                                    return id;
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            Thread.sleep(300); // the second waits on the first's insert
            first.commit();
            assertThat(second.get(20, TimeUnit.SECONDS)).contains(one);
        }
        assertThat(store.list("acme", null, 10)).hasSize(1);
    }

    private static Party party(String name, String identifier, String registration, String vat) {
        return new Party(name, identifier, registration, vat, "", null);
    }
}
