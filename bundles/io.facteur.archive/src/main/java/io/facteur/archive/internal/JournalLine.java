package io.facteur.archive.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One line of {@code journal.log}: {@code seq kind time documentId sha256 size retainUntil
 * mediaType fileName prevHash entryHash}, TAB separated, {@code entryHash} = SHA-256 of the line up
 * to {@code prevHash}.
 */
record JournalLine(
        long seq,
        String kind,
        String time,
        String documentId,
        String sha256,
        long size,
        String retainUntil,
        String mediaType,
        String fileName,
        String prevHash,
        String entryHash) {
    static final String STORE = "store";
    static final String PURGE = "purge";
    static final int MAX_LINE = 4096;
    static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");
    static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+/;= -]{1,127}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{0,400}");

    static JournalLine create(
            long seq,
            String kind,
            String time,
            String documentId,
            String sha256,
            long size,
            String retainUntil,
            String mediaType,
            String fileName,
            String prevHash) {
        String prefix =
                prefix(
                        seq,
                        kind,
                        time,
                        documentId,
                        sha256,
                        size,
                        retainUntil,
                        mediaType,
                        fileName,
                        prevHash);
        return new JournalLine(
                seq,
                kind,
                time,
                documentId,
                sha256,
                size,
                retainUntil,
                mediaType,
                fileName,
                prevHash,
                Hashes.sha256Hex(prefix));
    }

    static String encodeName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            bytes = java.util.Arrays.copyOf(bytes, 255);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String decodedFileName() {
        return new String(Base64.getUrlDecoder().decode(fileName), StandardCharsets.UTF_8);
    }

    private static String prefix(
            long seq,
            String kind,
            String time,
            String documentId,
            String sha256,
            long size,
            String retainUntil,
            String mediaType,
            String fileName,
            String prevHash) {
        return String.join(
                "\t",
                Long.toString(seq),
                kind,
                time,
                documentId,
                sha256,
                Long.toString(size),
                retainUntil,
                mediaType,
                fileName,
                prevHash);
    }

    String prefix() {
        return prefix(
                seq,
                kind,
                time,
                documentId,
                sha256,
                size,
                retainUntil,
                mediaType,
                fileName,
                prevHash);
    }

    String line() {
        return prefix() + "\t" + entryHash;
    }

    boolean hashValid() {
        return Hashes.sha256Hex(prefix()).equals(entryHash);
    }

    /** The document id of a line that cannot be parsed, when its fourth field looks like one. */
    static String guessDocumentId(String line) {
        String[] f = line.split("\t", -1);
        return f.length > 3 && DOCUMENT_ID.matcher(f[3]).matches() ? f[3] : "";
    }

    /**
     * Parses a line.
     *
     * @throws IllegalArgumentException when the line is not a journal line
     */
    static JournalLine parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE);
        }
        String[] f = line.split("\t", -1);
        if (f.length != 11) {
            throw new IllegalArgumentException("expected 11 fields, found " + f.length);
        }
        long seq = Long.parseLong(f[0]);
        long size = Long.parseLong(f[5]);
        if (seq < 1 || size < 0) {
            throw new IllegalArgumentException("negative number");
        }
        if (!STORE.equals(f[1]) && !PURGE.equals(f[1])) {
            throw new IllegalArgumentException("unknown kind " + f[1]);
        }
        java.time.Instant.parse(f[2]);
        if (!DOCUMENT_ID.matcher(f[3]).matches()
                || !Hashes.isHash(f[4])
                || !DATE.matcher(f[6]).matches()
                || !MEDIA_TYPE.matcher(f[7]).matches()
                || !NAME.matcher(f[8]).matches()
                || !Hashes.isHash(f[9])
                || !Hashes.isHash(f[10])) {
            throw new IllegalArgumentException("malformed field");
        }
        return new JournalLine(seq, f[1], f[2], f[3], f[4], size, f[6], f[7], f[8], f[9], f[10]);
    }
}
