package io.facteur.validation.pdfa.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings as checked values: which PDF/A parts pass for Factur-X, and the bounds on what one
 * PDF may cost.
 *
 * @param acceptedParts the PDF/A parts (3, 4) a Factur-X PDF may declare without a finding
 * @param maxFailedChecksPerRule how many failed checks of one rule are listed
 * @param maxBytes the largest PDF that is checked
 * @param timeout how long one check may run before it is stopped
 * @param parallelChecks how many PDFs are checked at once
 */
record Limits(
        Set<Integer> acceptedParts,
        int maxFailedChecksPerRule,
        long maxBytes,
        Duration timeout,
        int parallelChecks) {

    Limits {
        acceptedParts = Set.copyOf(acceptedParts);
        if (acceptedParts.isEmpty()) {
            acceptedParts = Set.of(3);
        }
        maxFailedChecksPerRule = clamp(maxFailedChecksPerRule, 1, 1000);
        maxBytes = Math.max(1, maxBytes);
        timeout = timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(1) : timeout;
        parallelChecks = clamp(parallelChecks, 1, 16);
    }

    static Limits of(PdfaSettings settings) {
        Set<Integer> parts = new TreeSet<>();
        Arrays.stream(settings.acceptedParts() == null ? new String[0] : settings.acceptedParts())
                .map(String::trim)
                .filter(p -> p.equals("3") || p.equals("4"))
                .forEach(p -> parts.add(Integer.valueOf(p)));
        return new Limits(
                parts,
                settings.maxFailedChecksPerRule(),
                clamp(settings.maxSizeMegabytes(), 1, 200) * 1024L * 1024L,
                Duration.ofSeconds(clamp(settings.timeoutSeconds(), 1, 600)),
                settings.parallelChecks());
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
