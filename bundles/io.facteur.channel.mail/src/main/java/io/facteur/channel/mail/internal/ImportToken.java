package io.facteur.channel.mail.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A dossier's import token: 160 random bits from {@link SecureRandom}, in lower-case base32 without
 * padding (32 characters of {@code a-z2-7}), safe in a subject and in the local part of an address.
 * Tokens are compared in constant time.
 */
final class ImportToken {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Shortest token accepted from a configuration: shorter ones are guessable. */
    static final int MIN_LENGTH = 26;

    private ImportToken() {}

    /** A new token. */
    static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(BYTES * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    /**
     * Whether a configured token can be used: at least {@value #MIN_LENGTH} base32 characters (a
     * token typed by hand in another form is replaced by a generated one).
     */
    static boolean usable(String token) {
        return token != null
                && token.length() >= MIN_LENGTH
                && token.length() <= 64
                && token.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }

    /** Constant-time comparison, case-insensitive on ASCII. */
    static boolean matches(String token, String candidate) {
        if (!usable(token) || candidate == null) {
            return false;
        }
        byte[] a = token.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] b = candidate.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
