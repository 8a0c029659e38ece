package io.facteur.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where delivery channels report what they learn after a send: a bounce read from the bounce
 * mailbox, a delivery notice. Provided by the core.
 */
@ProviderType
public interface DeliveryReports {
    /**
     * A delivery bounced: the invoice becomes BOUNCED and the dossier's correction window starts.
     *
     * @param channel the reporting channel's capability id
     * @param reference the delivery id, or the {@link DeliveryChannel.Receipt#reference()} of the
     *     send (a Message-ID)
     * @param reason what the bounce says (e.g. {@code 5.1.1 user unknown}), for the timeline
     * @return true when a delivery of that channel matched, false when none did
     */
    boolean bounced(String channel, String reference, String reason);

    /**
     * A delivery reached its recipient.
     *
     * @return true when a delivery of that channel matched
     */
    boolean delivered(String channel, String reference, String detail);
}
