package io.facteur.invoicing.internal;

import io.facteur.api.Document;
import io.facteur.api.Inbox;
import io.facteur.api.InboxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inbox that keeps what it accepts in memory, keeps identical bytes once (as the core's does),
 * and can be made to refuse, or to fail right after storing (a crash before the answer arrives).
 */
final class RecordingInbox implements Inbox {

    /** What the inbox was given. */
    record Accepted(String dossier, Document document, Source source, String id) {}

    enum Mode {
        WORKING,
        REFUSING,
        FAILING_AFTER_STORING
    }

    private final Map<String, Accepted> byHash = new LinkedHashMap<>();
    private final List<Accepted> calls = new ArrayList<>();
    private volatile Mode mode = Mode.WORKING;

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public synchronized InboxReceipt accept(String dossier, Document document, Source source)
            throws InboxException {
        if (mode == Mode.REFUSING) {
            throw new InboxException("inbox down");
        }
        String hash = dossier + ":" + sha256(document.content());
        Accepted known = byHash.get(hash);
        Accepted accepted =
                known != null
                        ? known
                        : new Accepted(dossier, document, source, "doc-" + (byHash.size() + 1));
        byHash.putIfAbsent(hash, accepted);
        calls.add(new Accepted(dossier, document, source, accepted.id()));
        if (mode == Mode.FAILING_AFTER_STORING) {
            throw new InboxException("connection lost after storing");
        }
        return new InboxReceipt(accepted.id(), known != null);
    }

    /** The distinct documents stored. */
    synchronized List<Accepted> stored() {
        return List.copyOf(byHash.values());
    }

    /** Every call that reached the store, repeated ones included. */
    synchronized List<Accepted> calls() {
        return List.copyOf(calls);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
