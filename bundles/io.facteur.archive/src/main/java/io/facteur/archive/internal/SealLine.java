package io.facteur.archive.internal;

import io.facteur.api.Archive.Seal;

/**
 * One line of {@code seals.log}: {@code number sealedAt fromSeq toSeq merkleRoot prevSealHash
 * sealHash}, {@code sealHash} = SHA-256 of the line up to {@code prevSealHash}.
 */
record SealLine(
        long number,
        String sealedAt,
        long fromSeq,
        long toSeq,
        String merkleRoot,
        String prevSealHash,
        String sealHash) {

    static SealLine create(
            long number,
            String sealedAt,
            long fromSeq,
            long toSeq,
            String merkleRoot,
            String prevSealHash) {
        String prefix = prefix(number, sealedAt, fromSeq, toSeq, merkleRoot, prevSealHash);
        return new SealLine(
                number,
                sealedAt,
                fromSeq,
                toSeq,
                merkleRoot,
                prevSealHash,
                Hashes.sha256Hex(prefix));
    }

    private static String prefix(
            long number,
            String sealedAt,
            long fromSeq,
            long toSeq,
            String merkleRoot,
            String prevSealHash) {
        return String.join(
                "\t",
                Long.toString(number),
                sealedAt,
                Long.toString(fromSeq),
                Long.toString(toSeq),
                merkleRoot,
                prevSealHash);
    }

    String line() {
        return prefix(number, sealedAt, fromSeq, toSeq, merkleRoot, prevSealHash) + "\t" + sealHash;
    }

    boolean hashValid() {
        return Hashes.sha256Hex(prefix(number, sealedAt, fromSeq, toSeq, merkleRoot, prevSealHash))
                .equals(sealHash);
    }

    Seal toSeal(String timestampToken) {
        return new Seal(
                number,
                sealedAt,
                fromSeq,
                toSeq,
                merkleRoot,
                prevSealHash,
                sealHash,
                line(),
                timestampToken);
    }

    /**
     * Parses a line.
     *
     * @throws IllegalArgumentException when the line is not a seal line
     */
    static SealLine parse(String line) {
        if (line.length() > 1024) {
            throw new IllegalArgumentException("seal line too long");
        }
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 fields, found " + f.length);
        }
        java.time.Instant.parse(f[1]);
        long number = Long.parseLong(f[0]);
        long from = Long.parseLong(f[2]);
        long to = Long.parseLong(f[3]);
        if (number < 1 || from < 1 || to < from) {
            throw new IllegalArgumentException("bad range");
        }
        if (!Hashes.isHash(f[4]) || !Hashes.isHash(f[5]) || !Hashes.isHash(f[6])) {
            throw new IllegalArgumentException("malformed hash");
        }
        return new SealLine(number, f[1], from, to, f[4], f[5], f[6]);
    }
}
