package io.facteur.channel.mail.internal;

import java.time.Instant;

/**
 * A mail kept in the Rejected folder, as admins see it.
 *
 * @param dossier the dossier it was for, null when none matched
 * @param reason the stable reason code
 * @param message the reason in the caller's language
 * @param detail what was found, for the admin
 */
public record RejectedMail(
        long id,
        String dossier,
        String sender,
        String subject,
        String messageId,
        String reason,
        String message,
        String detail,
        Instant rejectedAt) {}
