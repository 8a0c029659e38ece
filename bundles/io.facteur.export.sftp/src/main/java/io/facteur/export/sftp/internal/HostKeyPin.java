package io.facteur.export.sftp.internal;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * JSch's host key check for one connection: accepts exactly the confirmed fingerprint, remembers
 * the one the server presented, and never learns a key (no known_hosts file). JSch then refuses an
 * unknown or changed key before it authenticates.
 */
final class HostKeyPin implements HostKeyRepository {
    private final String confirmed;
    private volatile String presented;

    /**
     * @param confirmed the confirmed fingerprint ({@code SHA256:<base64>}), empty when none
     */
    HostKeyPin(String confirmed) {
        this.confirmed = confirmed;
    }

    /** The fingerprint of a public key blob as OpenSSH prints it: {@code SHA256:<base64>}. */
    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public int check(String host, byte[] key) {
        String fingerprint = fingerprint(key);
        presented = fingerprint;
        if (confirmed.isEmpty()) {
            return NOT_INCLUDED;
        }
        return MessageDigest.isEqual(confirmed.getBytes(), fingerprint.getBytes()) ? OK : CHANGED;
    }

    /** The fingerprint the server presented, null before the key exchange. */
    String presented() {
        return presented;
    }

    /** True when the server presented a key that is not the confirmed one (or none is). */
    boolean refused() {
        String p = presented;
        return p != null && !p.equals(confirmed);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // never learns: a key is confirmed by the admin, as a setting
    }

    @Override
    public void remove(String host, String type) {}

    @Override
    public void remove(String host, String type, byte[] key) {}

    @Override
    public String getKnownHostsRepositoryID() {
        return "facteur-confirmed-host-key";
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[0];
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return new HostKey[0];
    }
}
