package io.facteur.core.internal.inbox;

import java.time.Instant;

/**
 * One step of an invoice's timeline.
 *
 * @param at when
 * @param step what (received, detect, read, validate, ...)
 * @param outcome ok, waiting, retry, rejected, failed, invalid
 * @param detail what happened, for the user
 */
public record TimelineEvent(Instant at, String step, String outcome, String detail) {}
