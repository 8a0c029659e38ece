package io.facteur.channel.mail.internal;

/** A mail that cannot be imported, with the reason kept in the rejected list. */
final class RejectedMailException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    RejectedMailException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
