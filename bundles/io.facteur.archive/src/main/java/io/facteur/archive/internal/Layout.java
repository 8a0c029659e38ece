package io.facteur.archive.internal;

import java.nio.file.Path;

/** Where the files of one dossier's archive are. */
record Layout(Path dir) {
    static final String PENDING = ".pending";

    Path journal() {
        return dir.resolve("journal.log");
    }

    Path seals() {
        return dir.resolve("seals.log");
    }

    Path head() {
        return dir.resolve("head");
    }

    Path blobs() {
        return dir.resolve("blobs");
    }

    Path blob(String sha256) {
        return blobs().resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    Path pending(String sha256) {
        return blobs().resolve(sha256.substring(0, 2)).resolve(sha256 + PENDING);
    }

    Path refs() {
        return dir.resolve("refs");
    }

    /** The reference of a document id: its journal line(s), named by the id's SHA-256. */
    Path ref(String documentId) {
        String key = Hashes.sha256Hex(documentId);
        return refs().resolve(key.substring(0, 2)).resolve(key);
    }

    Path timestamps() {
        return dir.resolve("timestamps");
    }
}
