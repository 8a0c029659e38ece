package io.facteur.channel.mail.internal;

import io.facteur.api.Document;
import io.facteur.api.Inbox;
import io.facteur.api.InboxException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's inbox as capabilities see it, kept in memory: the core is no dependency of a
 * capability, and the inbox is the core's own service, not a peer across a wire. Like the core's,
 * it refuses unknown dossiers and knows the same bytes twice as one document.
 */
final class RecordingInbox implements Inbox {
    /** One accepted document. */
    record Accepted(String dossier, Document document, Source source) {}

    final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Set<String> dossiers;

    /** Calls that fail as a crashed core would (disk full, stopping), before anything is stored. */
    final AtomicInteger failures = new AtomicInteger();

    RecordingInbox(Set<String> dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public synchronized InboxReceipt accept(String dossier, Document document, Source source)
            throws InboxException {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("inbox unavailable");
        }
        if (!dossiers.contains(dossier)) {
            throw new InboxException("Unknown dossier " + dossier);
        }
        String key = dossier + "/" + sha256(document.content());
        String known = ids.get(key);
        if (known != null) {
            return new InboxReceipt(known, true);
        }
        String id = "doc-" + (ids.size() + 1);
        ids.put(key, id);
        accepted.add(new Accepted(dossier, document, source));
        return new InboxReceipt(id, false);
    }

    synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
