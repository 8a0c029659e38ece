package io.facteur.core.internal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Customers.Entry;
import io.facteur.api.Customers.NewCustomer;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.inbox.InboxFixture;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DirectoryServiceTest {
    private static final PostalAddress ADDRESS =
            new PostalAddress("12 rue des Lilas", "", "Lyon", "69003", "FR");

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    private Database database;
    private CustomerStore store;
    private DirectoryService directory;

    @BeforeEach
    void directory() throws Exception {
        database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        InboxFixture.dossier(database, "globex");
        store = new CustomerStore(database);
        directory = new DirectoryService(database);
    }

    @Test
    void aNewCustomerIsAddedWithWhatWasGivenAndFoundAgain() {
        Entry added =
                directory.register(
                        "acme",
                        new NewCustomer(
                                "Lilas SARL",
                                "FR 12 345678901",
                                "345 678 901",
                                "compta@lilas.example",
                                "FR",
                                ADDRESS));

        assertThat(added.name()).isEqualTo("Lilas SARL");
        assertThat(added.emails()).containsExactly("compta@lilas.example");
        assertThat(added.language()).isEqualTo("fr");
        assertThat(added.address()).isEqualTo(ADDRESS);
        assertThat(added.buyerReference()).isEmpty();
        assertThat(added.electronicAddress()).isEmpty();
        assertThat(directory.find("acme", added.id())).contains(added);
        assertThat(directory.find("globex", added.id())).as("another dossier's").isEmpty();
    }

    @Test
    void registeringMatchesAsTheImportOfAnInvoiceDoes() throws Exception {
        Entry registered =
                directory.register(
                        "acme", new NewCustomer("Lilas", "FR12345678901", "", "", "", null));

        // an invoice whose buyer has the same VAT id, written differently, finds that customer
        try (Connection c = database.connection()) {
            Party buyer = new Party("LILAS SARL", "", "", "fr 12.345.678.901", "", null);
            assertThat(store.fromBuyer(c, "acme", buyer)).contains(registered.id());
        }
        // and the reverse: a buyer the import added is the one a registration returns
        String imported;
        try (Connection c = database.connection()) {
            imported =
                    store.fromBuyer(c, "acme", new Party("Kunden AG", "", "HRB 42", "", "", null))
                            .orElseThrow();
        }
        assertThat(
                        directory
                                .register(
                                        "acme",
                                        new NewCustomer("Kunden", "", "hrb42", "", "", null))
                                .id())
                .isEqualTo(imported);
        // without identifiers, the name is the key
        Entry byName =
                directory.register(
                        "acme", new NewCustomer("Boulangerie Paul", "", "", "", "", null));
        assertThat(
                        directory.register(
                                "acme",
                                new NewCustomer("boulangerie  paul", null, null, null, null, null)))
                .isEqualTo(byName);
        assertThat(directory.search("acme", "", 500)).hasSize(3);
    }

    @Test
    void anExistingCustomerKeepsWhatUsersSet() throws Exception {
        Entry first =
                directory.register(
                        "acme",
                        new NewCustomer(
                                "Lilas", "FR12345678901", "", "a@lilas.example", "fr", null));
        Customer k = store.find("acme", first.id()).orElseThrow();
        try (Connection c = database.connection()) {
            store.save(
                    c,
                    new Customer(
                            k.id(),
                            k.dossier(),
                            k.matchKey(),
                            "Lilas (siège)",
                            List.of("factures@lilas.example"),
                            "en",
                            ADDRESS,
                            null,
                            null,
                            "LEITWEG-1",
                            "0009:12345678900012",
                            "alice",
                            Instant.now()),
                    false);
        }

        Entry again =
                directory.register(
                        "acme",
                        new NewCustomer(
                                "Lilas SARL",
                                "FR12345678901",
                                "999",
                                "autre@lilas.example",
                                "de",
                                new PostalAddress("1 autre rue", "", "Paris", "75001", "FR")));

        assertThat(again)
                .isEqualTo(
                        new Entry(
                                first.id(),
                                "Lilas (siège)",
                                List.of("factures@lilas.example"),
                                "en",
                                ADDRESS,
                                "LEITWEG-1",
                                "0009:12345678900012"));
        assertThat(directory.find("acme", first.id())).contains(again);
    }

    @Test
    void searchFindsByNameEmailOrIdentifierByName() {
        directory.register("acme", new NewCustomer("Zèbre SA", "FR11111111111", "", "", "", null));
        directory.register(
                "acme",
                new NewCustomer(
                        "Alpha GmbH", "DE 222 333 444", "", "rechnung@alpha.example", "de", null));
        directory.register("acme", new NewCustomer("Beta", "", "", "", "", null));
        directory.register("globex", new NewCustomer("Alpha Globex", "", "", "", "", null));

        assertThat(names(directory.search("acme", "", 10)))
                .containsExactly("Alpha GmbH", "Beta", "Zèbre SA");
        assertThat(names(directory.search("acme", null, 10))).hasSize(3);
        assertThat(names(directory.search("acme", "alpha", 10))).containsExactly("Alpha GmbH");
        assertThat(names(directory.search("acme", "RECHNUNG@", 10))).containsExactly("Alpha GmbH");
        assertThat(names(directory.search("acme", "fr1111", 10))).containsExactly("Zèbre SA");
        assertThat(names(directory.search("acme", "DE222 333", 10)))
                .as("identifiers match as invoices do: spaces ignored")
                .containsExactly("Alpha GmbH");
        assertThat(directory.search("acme", "nobody", 10)).isEmpty();
        assertThat(directory.search("acme", "100%", 10)).isEmpty();
    }

    @Test
    void searchBoundsItsLimitFromOneTo500() throws Exception {
        for (int i = 0; i < 503; i++) {
            directory.register(
                    "acme", new NewCustomer(String.format("Client %03d", i), "", "", "", "", null));
        }

        assertThat(directory.search("acme", "", 0)).hasSize(1);
        assertThat(directory.search("acme", "", -5)).hasSize(1);
        assertThat(directory.search("acme", "", 3)).hasSize(3);
        assertThat(directory.search("acme", "", 10_000)).hasSize(500);
        assertThat(directory.search("acme", "", 10_000).get(0).name()).isEqualTo("Client 000");
    }

    @Test
    void anUnknownDossierHasNoCustomersAndTakesNone() {
        Entry k = directory.register("acme", new NewCustomer("Lilas", "", "", "", "", null));

        assertThat(directory.find("nowhere", k.id())).isEmpty();
        assertThat(directory.find("acme", "no-such-id")).isEmpty();
        assertThat(directory.find(null, k.id())).isEmpty();
        assertThat(directory.search("nowhere", "", 10)).isEmpty();
        assertThatThrownBy(
                        () ->
                                directory.register(
                                        "nowhere", new NewCustomer("Lilas", "", "", "", "", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dossier 'nowhere'");
        assertThatThrownBy(
                        () ->
                                directory.register(
                                        null, new NewCustomer("Lilas", "", "", "", "", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dossier");
    }

    @Test
    void refusesWhatTheDirectoryCouldNotHoldWithTheReason() {
        assertThatThrownBy(
                        () ->
                                directory.register(
                                        "acme", new NewCustomer(" ", "", "", "", "", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name, a VAT identifier or a legal registration");
        assertThatThrownBy(
                        () ->
                                directory.register(
                                        "acme",
                                        new NewCustomer(
                                                "Lilas", "", "", "pas une adresse", "", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not an e-mail address: pas une adresse");
        assertThatThrownBy(
                        () ->
                                directory.register(
                                        "acme", new NewCustomer("Lilas", "", "", "", "it", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 'it'");
        assertThatThrownBy(() -> directory.register("acme", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.search("acme", "", 10)).as("nothing was added").isEmpty();
    }

    private static List<String> names(List<Entry> entries) {
        return entries.stream().map(Entry::name).toList();
    }
}
