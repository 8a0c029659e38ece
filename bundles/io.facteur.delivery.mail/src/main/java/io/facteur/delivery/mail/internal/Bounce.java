package io.facteur.delivery.mail.internal;

/**
 * What one bounce notice says: which delivery it names and whether it is final.
 *
 * @param deliveryId the delivery id of the VERP address it was sent to or quotes, null when none
 * @param messageId the Message-ID of ours that it quotes, null when none
 * @param status the enhanced status code ({@code 5.1.1}), or the SMTP reply code, may be empty
 * @param diagnostic what the remote server said, may be empty
 * @param permanent true for a failure ({@code Action: failed}, 5.x.x), false for a delay notice
 */
record Bounce(
        String deliveryId, String messageId, String status, String diagnostic, boolean permanent) {

    /** Longest reason reported. */
    static final int MAX_REASON = 500;

    /** True when it names a delivery of ours. */
    boolean matched() {
        return deliveryId != null || messageId != null;
    }

    /** The reason for the timeline, e.g. {@code 5.1.1 <a@b>: user unknown}. */
    String reason() {
        // "550-5.1.1 ..." continuation markers of multi-line replies say nothing more
        String text =
                diagnostic
                        .replaceFirst("^[45]\\d\\d[ -]", "")
                        .replaceAll("\\s[45]\\d\\d[ -][245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s)", "")
                        .strip();
        if (!status.isEmpty() && text.startsWith(status)) {
            text = text.substring(status.length()).strip();
        }
        return HeaderValues.clean((status + " " + text).strip(), MAX_REASON);
    }
}
