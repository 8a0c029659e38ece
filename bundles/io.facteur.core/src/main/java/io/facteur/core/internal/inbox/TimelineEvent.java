package io.facteur.core.internal.inbox;

import java.time.Instant;
import java.util.Locale;

/**
 * One step of an invoice's timeline.
 *
 * @param at when
 * @param step what (received, detect, read, validate, ...)
 * @param outcome ok, waiting, retry, rejected, failed, invalid
 * @param detail what happened, in English
 * @param message what happened, to be said in the reader's language; null for events recorded
 *     before messages were kept
 */
public record TimelineEvent(
        Instant at, String step, String outcome, String detail, Message message) {

    /** What happened, in {@code locale}'s language when the event kept its message. */
    public String detail(Locale locale) {
        return message == null ? detail : message.text(locale);
    }
}
