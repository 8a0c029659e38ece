package io.facteur.channel.api.internal;

import io.facteur.api.InvoiceChanges;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The core's feed of changes as the tests write it: in memory, in order. */
final class ListFeed implements InvoiceChanges {
    private final List<Change> changes = new CopyOnWriteArrayList<>();

    /** Appends a change of an invoice brought by {@code sourceDetail}, now. */
    Change add(String dossier, String invoice, String status, String sourceDetail) {
        Change c =
                new Change(
                        changes.size() + 1L,
                        dossier,
                        invoice,
                        "F-" + invoice,
                        status,
                        status.equals("REJECTED") ? "Not an invoice" : "",
                        "api",
                        sourceDetail,
                        Instant.now());
        changes.add(c);
        return c;
    }

    @Override
    public List<Change> after(long cursor, int max) {
        return changes.stream().filter(c -> c.seq() > cursor).limit(max).toList();
    }

    @Override
    public long head() {
        return changes.size();
    }
}
