package io.facteur.core.internal.export;

import io.facteur.core.internal.inbox.InvoiceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A connector of a dossier as the database keeps it: what it exports and where it stands. Its
 * connection settings are in ConfigAdmin.
 *
 * @param id its id (also the name of its factory configuration, after the dossier)
 * @param dossier the dossier
 * @param capability the connector kind's capability id ({@code export.sftp})
 * @param name the name users gave it
 * @param documents invoices, credit notes or both
 * @param statuses the invoice statuses at which a document is exported (the first reached)
 * @param format the format id: {@code original} or a writer's syntax
 * @param state its stored state (see {@link #effective(String)})
 * @param test the last connection test, null when never tested
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 */
public record ConnectorRow(
        String id,
        String dossier,
        String capability,
        String name,
        DocumentKinds documents,
        Set<InvoiceStatus> statuses,
        String format,
        ConnectorState state,
        LastTest test,
        Instant createdAt,
        Instant updatedAt) {

    public ConnectorRow {
        statuses = Set.copyOf(statuses);
    }

    /**
     * A connection test.
     *
     * @param hash the hash of the connection settings it was made with
     * @param at when
     * @param success whether it succeeded
     * @param message what it found, in the language of who asked
     * @param confirm settings the admin is asked to confirm (a host key)
     */
    public record LastTest(
            String hash, Instant at, boolean success, String message, Map<String, String> confirm) {
        public LastTest {
            confirm = confirm == null ? Map.of() : Map.copyOf(confirm);
        }
    }

    /**
     * The state that applies with the connection settings as they are now: a connector tested or
     * switched on with other settings (changed by REST or in the web console since) needs a test.
     */
    public ConnectorState effective(String currentHash) {
        boolean testedNow =
                test != null
                        && test.success()
                        && test.hash() != null
                        && test.hash().equals(currentHash);
        return switch (state) {
            case DRAFT -> testedNow ? ConnectorState.TESTED : ConnectorState.DRAFT;
            case TESTED, ACTIVE -> testedNow ? state : ConnectorState.DRAFT;
            case DISABLED -> ConnectorState.DISABLED;
        };
    }
}
