package io.facteur.core.internal.delivery;

/** Where one delivery stands. */
public enum DeliveryState {
    /** Asked for; its job sends it. */
    QUEUED,
    /** The attempt is recorded and the channel was called; the receipt is not recorded yet. */
    SENDING,
    /** Handed over to the mail server: a bounce may still follow. */
    SENT,
    /** Known to be received. */
    DELIVERED,
    /** Handed to the print service. */
    POSTED,
    /** Came back; waits for a corrected address until its correction window closes. */
    BOUNCED,
    /** Could not be sent; the detail says why. */
    FAILED,
    /**
     * The attempt was recorded but not its outcome (a crash during the send): it may or may not
     * have gone out, so Facteur does not send it again on its own. A user decides.
     */
    UNCERTAIN,
    /** Refused by the dossier's rules (a blocked duplicate, an invalid invoice). */
    REFUSED
}
