package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void defaultsAcceptPdfa3AndBoundOnePdf() {
        Limits limits = TestLimits.defaults();

        assertThat(limits.acceptedParts()).containsExactly(3);
        assertThat(limits.maxFailedChecksPerRule()).isEqualTo(10);
        assertThat(limits.maxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(limits.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.parallelChecks()).isEqualTo(2);
    }

    @Test
    void valuesOutsideTheRangesAreBroughtBackIntoThem() {
        Limits limits =
                Limits.of(
                        settings(
                                Map.of(
                                        "acceptedParts", new String[] {"1", " 4 ", "x"},
                                        "maxFailedChecksPerRule", -5,
                                        "maxSizeMegabytes", 100_000,
                                        "timeoutSeconds", 0,
                                        "parallelChecks", 99)));

        assertThat(limits.acceptedParts()).containsExactly(4);
        assertThat(limits.maxFailedChecksPerRule()).isEqualTo(1);
        assertThat(limits.maxBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(limits.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limits.parallelChecks()).isEqualTo(16);
    }

    @Test
    void noAcceptedPartMeansPdfa3() {
        Limits limits = Limits.of(settings(Map.of("acceptedParts", new String[0])));

        assertThat(limits.acceptedParts()).isEqualTo(Set.of(3));
    }

    /** Settings with these values, the declared defaults for the others. */
    private static PdfaSettings settings(Map<String, Object> values) {
        PdfaSettings defaults = TestLimits.defaultSettings();
        return (PdfaSettings)
                Proxy.newProxyInstance(
                        PdfaSettings.class.getClassLoader(),
                        new Class<?>[] {PdfaSettings.class},
                        (proxy, method, args) ->
                                values.containsKey(method.getName())
                                        ? values.get(method.getName())
                                        : method.invoke(defaults));
    }
}
