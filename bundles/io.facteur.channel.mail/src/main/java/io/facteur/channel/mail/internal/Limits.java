package io.facteur.channel.mail.internal;

/**
 * The bounds that keep one hostile mail from taking the worker's memory or time.
 *
 * @param maxMessageBytes the largest mail read, also the largest decoded part
 * @param zipMaxEntries most entries read from one ZIP
 * @param zipMaxBytes most bytes uncompressed from one ZIP, all entries together
 * @param zipMaxRatio largest uncompressed / compressed ratio of a ZIP
 */
record Limits(int maxMessageBytes, int zipMaxEntries, int zipMaxBytes, int zipMaxRatio) {
    /** Most MIME parts looked at in one mail. */
    static final int MAX_PARTS = 500;

    /** Deepest nesting of multiparts and attached messages followed. */
    static final int MAX_DEPTH = 12;

    static Limits of(MailImportSettings s) {
        return new Limits(s.maxMessageBytes(), s.zipMaxEntries(), s.zipMaxBytes(), s.zipMaxRatio());
    }
}
