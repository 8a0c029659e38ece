package io.facteur.core.internal.customer;

import io.facteur.api.Customers;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.core.internal.Ids;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.dossier.DossierStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The customer directory as capabilities see it ({@link Customers}): the same table and the same
 * matching as the import pipeline ({@link CustomerStore#matchKey}), so that a customer a capability
 * registers before invoicing it is the one the invoice's buyer later finds, and the reverse.
 *
 * <p>{@link #register} refuses, with an {@link IllegalArgumentException}, an unknown dossier, a
 * customer that names nothing to find it by, an invalid e-mail address and a language the directory
 * does not offer (French, English, German, as the REST API): what it stores must be editable there.
 */
@Component(service = Customers.class)
public class DirectoryService implements Customers {

    /** The most customers one search returns. */
    static final int MAX_LIMIT = 500;

    private static final List<String> LANGUAGES = List.of("fr", "en", "de");

    private final CustomerStore store;
    private final DossierStore dossiers;
    private final Database database;

    @Activate
    public DirectoryService(@Reference Database database) {
        this.database = database;
        this.store = new CustomerStore(database);
        this.dossiers = new DossierStore(database);
    }

    @Override
    public Optional<Entry> find(String dossier, String customerId) {
        if (dossier == null || customerId == null) {
            return Optional.empty();
        }
        try {
            return store.find(dossier, customerId).map(DirectoryService::entry);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read customer " + customerId, e);
        }
    }

    @Override
    public List<Entry> search(String dossier, String text, int limit) {
        if (dossier == null) {
            return List.of();
        }
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        try {
            return store.search(dossier, text == null ? "" : text.strip(), bounded).stream()
                    .map(DirectoryService::entry)
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot search the customers of " + dossier, e);
        }
    }

    @Override
    public Entry register(String dossier, NewCustomer customer) {
        if (customer == null) {
            throw new IllegalArgumentException("No customer to register");
        }
        String email = strip(customer.email());
        if (!email.isEmpty() && !Emails.valid(email)) {
            throw new IllegalArgumentException(
                    "Not an e-mail address: " + clip(email) + "; the customer is not registered");
        }
        String language = strip(customer.language()).toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(
                    "The directory offers the languages "
                            + LANGUAGES
                            + ", not '"
                            + clip(language)
                            + "'; give one of them or none (the dossier's)");
        }
        Party party =
                new Party(
                        strip(customer.name()),
                        "",
                        strip(customer.legalId()),
                        strip(customer.vatId()),
                        "",
                        customer.address());
        String key =
                CustomerStore.matchKey(party)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "A customer needs a name, a VAT identifier or a"
                                                        + " legal registration identifier to be"
                                                        + " registered"));
        try {
            if (dossier == null || dossiers.find(dossier).isEmpty()) {
                throw new IllegalArgumentException(
                        "There is no dossier '"
                                + clip(String.valueOf(dossier))
                                + "': its customer cannot be registered");
            }
            try (Connection c = database.connection()) {
                Optional<Customer> known = store.findByKey(c, dossier, key);
                if (known.isPresent()) {
                    // what users set wins: an existing customer is returned as it is
                    return entry(known.get());
                }
                Customer added =
                        new Customer(
                                Ids.next(),
                                dossier,
                                key,
                                party.name().isEmpty() ? key : party.name(),
                                email.isEmpty() ? List.of() : List.of(email),
                                language.isEmpty() ? null : language,
                                usable(customer.address()) ? customer.address() : null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Instant.now());
                try {
                    store.save(c, added, true);
                    // as stored: the store clips what is longer than its columns
                    return entry(store.find(c, dossier, added.id()).orElseThrow());
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // registered at the same moment (by an invoice or another call): that one
                    return entry(store.findByKey(c, dossier, key).orElseThrow(() -> e));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot register a customer of " + dossier, e);
        }
    }

    private static Entry entry(Customer k) {
        return new Entry(
                k.id(),
                k.name(),
                k.emails(),
                k.language(),
                k.address(),
                k.buyerReference(),
                k.electronicAddress());
    }

    private static boolean usable(PostalAddress a) {
        return a != null && a.line1() != null && !a.line1().isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
