package io.facteur.channel.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook event, as in {@value #HEADER}{@code : t=<unix seconds>,v1=<hex>}: the
 * HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes, {@code whsec_} included), of the
 * timestamp, a dot and the exact body. The timestamp lets receivers refuse replays.
 */
final class Signature {
    /** The header carrying the signature. */
    static final String HEADER = "Facteur-Signature";

    private Signature() {}

    /** The header's value for this body sent at {@code unixSeconds}. */
    static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hex(secret, unixSeconds, body);
    }

    /** The hex HMAC-SHA256 of {@code <unixSeconds>.<body>}. */
    static String hex(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }
}
