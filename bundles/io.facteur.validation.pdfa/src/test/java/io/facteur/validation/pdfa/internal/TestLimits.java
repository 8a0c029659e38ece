package io.facteur.validation.pdfa.internal;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;

/** Limits for tests: the settings' declared defaults, or these with one value changed. */
final class TestLimits {

    private TestLimits() {}

    /** The settings as an administrator who changed nothing gets them: the OCD's defaults. */
    static PdfaSettings defaultSettings() {
        return (PdfaSettings)
                Proxy.newProxyInstance(
                        PdfaSettings.class.getClassLoader(),
                        new Class<?>[] {PdfaSettings.class},
                        (proxy, method, args) -> {
                            Object value = method.getDefaultValue();
                            if (value == null) {
                                throw new UnsupportedOperationException(method.getName());
                            }
                            return value;
                        });
    }

    static Limits defaults() {
        return Limits.of(defaultSettings());
    }

    static Limits acceptedParts(Set<Integer> parts) {
        Limits d = defaults();
        return new Limits(
                parts, d.maxFailedChecksPerRule(), d.maxBytes(), d.timeout(), d.parallelChecks());
    }

    static Limits maxFailedChecksPerRule(int max) {
        Limits d = defaults();
        return new Limits(d.acceptedParts(), max, d.maxBytes(), d.timeout(), d.parallelChecks());
    }

    static Limits maxBytes(long max) {
        Limits d = defaults();
        return new Limits(
                d.acceptedParts(),
                d.maxFailedChecksPerRule(),
                max,
                d.timeout(),
                d.parallelChecks());
    }

    static Limits timeout(Duration timeout) {
        Limits d = defaults();
        return new Limits(
                d.acceptedParts(),
                d.maxFailedChecksPerRule(),
                d.maxBytes(),
                timeout,
                d.parallelChecks());
    }
}
