package io.facteur.export.sftp.internal;

/**
 * Why a connection, a probe or an upload failed, with its text and whether a retry may succeed
 * without a change of settings.
 */
enum Reason {
    /** A setting is missing or invalid; the argument names it. */
    SETTINGS("error.settings", false),
    /** The file name template is invalid or gave an unusable name. */
    TEMPLATE("error.template", false),
    /** The private key cannot be read (malformed, or a wrong passphrase). */
    PRIVATE_KEY("error.privateKey", false),
    UNKNOWN_HOST("error.unknownHost", true),
    CONNECTION_REFUSED("error.connectionRefused", true),
    TIMEOUT("error.timeout", true),
    CONNECTION_LOST("error.connectionLost", true),
    AUTHENTICATION("error.authentication", false),
    HOST_KEY_UNCONFIRMED("error.hostKeyUnconfirmed", false),
    HOST_KEY_CHANGED("error.hostKeyChanged", false),
    /** No host key confirmed yet: an export never connects to an unknown server. */
    HOST_KEY_NOT_CONFIRMED("error.hostKeyNotConfirmed", false),
    NO_SUCH_DIRECTORY("error.noSuchDirectory", false),
    NOT_A_DIRECTORY("error.notADirectory", false),
    PERMISSION_DENIED("error.permissionDenied", false),
    DISK_FULL("error.diskFull", true),
    /** The server refused an operation it does not support. */
    UNSUPPORTED("error.unsupported", false),
    /** Any other answer of the server: may be a passing problem. */
    SERVER_FAILURE("error.serverFailure", true);

    private final String key;
    private final boolean transientFailure;

    Reason(String key, boolean transientFailure) {
        this.key = key;
        this.transientFailure = transientFailure;
    }

    /** The key of its text in the messages bundle. */
    String key() {
        return key;
    }

    /** True when the same operation may succeed later with the same settings. */
    boolean transientFailure() {
        return transientFailure;
    }
}
