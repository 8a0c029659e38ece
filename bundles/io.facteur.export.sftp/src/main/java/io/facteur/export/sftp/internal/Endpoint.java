package io.facteur.export.sftp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of one connector, checked: where to connect, as whom, where files go and under which
 * name. Built from the untrusted map the core passes; secrets stay inside and never appear in
 * {@link #toString()}.
 */
final class Endpoint {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final int MAX_USER = 256;
    private static final int MAX_SECRET = 1024;
    private static final int MAX_KEY = 64 * 1024;
    private static final int MAX_DIRECTORY = 1024;

    final String host;
    final int port;
    final String user;
    final String password;
    final String privateKey;
    final String passphrase;
    final String remoteDirectory;
    final FileNameTemplate template;
    final String hostKey;
    final int timeoutSeconds;

    private Endpoint(Map<String, Object> settings) throws SftpProblem {
        Map<String, Object> s = settings == null ? Map.of() : settings;
        host = text(s, "host", "", 253).trim();
        if (host.isEmpty() || !HOST.matcher(host).matches()) {
            throw new SftpProblem(Reason.SETTINGS, "host");
        }
        port = number(s, "port", 22, 1, 65535);
        user = text(s, "user", "", MAX_USER);
        if (user.isBlank() || hasControl(user)) {
            throw new SftpProblem(Reason.SETTINGS, "user");
        }
        password = text(s, "password", "", MAX_SECRET);
        privateKey = PrivateKeyText.normalize(text(s, "privateKey", "", MAX_KEY));
        passphrase = text(s, "passphrase", "", MAX_SECRET);
        String directory = text(s, "remoteDirectory", ".", MAX_DIRECTORY).trim();
        remoteDirectory = directory.isEmpty() ? "." : directory;
        if (hasControl(remoteDirectory)) {
            throw new SftpProblem(Reason.SETTINGS, "remoteDirectory");
        }
        String pattern = text(s, "fileNameTemplate", FileNameTemplate.DEFAULT, 500).trim();
        template = FileNameTemplate.parse(pattern.isEmpty() ? FileNameTemplate.DEFAULT : pattern);
        String key = text(s, "hostKey", "", 200).trim();
        while (key.endsWith("=")) {
            key = key.substring(0, key.length() - 1);
        }
        if (key.length() == 43 && !key.startsWith("SHA256:")) {
            // the base64 part alone, as some servers' admin tools show it
            key = "SHA256:" + key;
        }
        if (!key.isEmpty() && !FINGERPRINT.matcher(key).matches()) {
            throw new SftpProblem(Reason.SETTINGS, "hostKey");
        }
        hostKey = key;
        timeoutSeconds = number(s, "timeoutSeconds", 20, 1, 300);
    }

    /** The checked settings; the first invalid one fails with {@link Reason#SETTINGS}. */
    static Endpoint of(Map<String, Object> settings) throws SftpProblem {
        return new Endpoint(settings);
    }

    /** Fails unless a password or a private key is given. */
    void requireCredentials() throws SftpProblem {
        if (password.isEmpty() && privateKey.isBlank()) {
            throw new SftpProblem(Reason.SETTINGS, "password / privateKey");
        }
    }

    /** What makes two connections interchangeable: never the secrets themselves. */
    PoolKey poolKey() {
        return new PoolKey(host, port, user, credentialsHash(), hostKey, timeoutSeconds);
    }

    /** Remote path of a file of the remote directory. */
    String pathOf(String fileName) {
        if (remoteDirectory.equals(".")) {
            return fileName;
        }
        return remoteDirectory.endsWith("/")
                ? remoteDirectory + fileName
                : remoteDirectory + "/" + fileName;
    }

    int timeoutMillis() {
        return timeoutSeconds * 1000;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " " + remoteDirectory;
    }

    private String credentialsHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {password, privateKey, passphrase}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The connections of one pool entry: host, port, user, credentials' hash, pinned key. */
    record PoolKey(
            String host,
            int port,
            String user,
            String credentialsHash,
            String hostKey,
            int timeoutSeconds) {}

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String text(Map<String, Object> s, String name, String fallback, int max)
            throws SftpProblem {
        Object value = s.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String[] array) {
            value = array.length == 0 ? fallback : array[0];
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new SftpProblem(Reason.SETTINGS, name);
        }
        String text = value.toString();
        if (text.length() > max) {
            throw new SftpProblem(Reason.SETTINGS, name);
        }
        return text;
    }

    private static int number(Map<String, Object> s, String name, int fallback, int min, int max)
            throws SftpProblem {
        Object value = s.get(name);
        int n;
        if (value == null || (value instanceof String str && str.isBlank())) {
            n = fallback;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long l = ((Number) value).longValue();
            n = l < min || l > max ? min - 1 : (int) l;
        } else if (value instanceof String str) {
            try {
                n = Integer.parseInt(str.trim());
            } catch (NumberFormatException e) {
                throw new SftpProblem(Reason.SETTINGS, name);
            }
        } else {
            throw new SftpProblem(Reason.SETTINGS, name);
        }
        if (n < min || n > max) {
            throw new SftpProblem(Reason.SETTINGS, name);
        }
        return n;
    }
}
