package io.facteur.export.sftp.internal;

import java.util.Arrays;

/**
 * A failure of the connector with its {@link Reason} and the arguments of its text; the message is
 * built in the reader's language by {@link Texts}, never from a secret.
 */
final class SftpProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final transient Object[] arguments;

    SftpProblem(Reason reason, Throwable cause, Object... arguments) {
        super(reason.name() + " " + Arrays.toString(arguments), cause, false, false);
        this.reason = reason;
        this.arguments = arguments.clone();
    }

    SftpProblem(Reason reason, Object... arguments) {
        this(reason, null, arguments);
    }

    Reason reason() {
        return reason;
    }

    /** The fingerprint the server presented, for a host key the admin has to confirm. */
    String presentedHostKey() {
        boolean hostKey =
                reason == Reason.HOST_KEY_UNCONFIRMED || reason == Reason.HOST_KEY_CHANGED;
        return hostKey && arguments.length > 0
                ? String.valueOf(arguments[arguments.length - 1])
                : null;
    }

    /** The reason's text in this language. */
    String describe(Texts texts) {
        return texts.format(reason.key(), arguments);
    }
}
