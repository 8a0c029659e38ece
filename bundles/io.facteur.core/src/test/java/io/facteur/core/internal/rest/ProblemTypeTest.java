package io.facteur.core.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemTypeTest {
    @Test
    void everyUrnIsDistinctAndOfTheStableForm() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::urn))
                .doesNotHaveDuplicates()
                .allMatch(urn -> urn.matches("urn:facteur:problem:[a-z]+(-[a-z]+)*"));
    }

    @Test
    void urnsThatClientsAlreadyRelyOnDoNotChange() {
        assertThat(ProblemType.INVALID_SETTINGS.urn())
                .isEqualTo("urn:facteur:problem:invalid-settings");
        assertThat(ProblemType.PAYLOAD_TOO_LARGE.urn())
                .isEqualTo("urn:facteur:problem:payload-too-large");
        assertThat(ProblemType.UNAUTHENTICATED.urn())
                .isEqualTo("urn:facteur:problem:unauthenticated");
    }

    @ParameterizedTest
    @CsvSource({
        "400, MALFORMED_REQUEST",
        "401, UNAUTHENTICATED",
        "403, FORBIDDEN",
        "404, NOT_FOUND",
        "405, METHOD_NOT_ALLOWED",
        "406, NOT_ACCEPTABLE",
        "409, CONFLICT",
        "413, PAYLOAD_TOO_LARGE",
        "415, UNSUPPORTED_MEDIA_TYPE",
        "503, UNAVAILABLE",
        "500, INTERNAL",
        "418, MALFORMED_REQUEST",
        "502, INTERNAL"
    })
    void mapsAStatusThatJaxRsProducedToItsProblemType(int status, ProblemType expected) {
        assertThat(ProblemType.of(status)).isEqualTo(expected);
    }

    @Test
    void eachTypeCarriesAnErrorStatusAndATitle() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.status().getStatusCode()).as(type.name()).isBetween(400, 599);
            assertThat(type.title()).as(type.name()).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    void titlesComeInFrenchGermanAndEnglish() {
        for (ProblemType t : ProblemType.values()) {
            org.assertj.core.api.Assertions.assertThat(t.title(java.util.Locale.ENGLISH))
                    .isEqualTo(t.title());
            org.assertj.core.api.Assertions.assertThat(t.title(java.util.Locale.FRENCH))
                    .isNotBlank()
                    .isNotEqualTo(t.title());
            org.assertj.core.api.Assertions.assertThat(t.title(java.util.Locale.GERMAN))
                    .isNotBlank()
                    .isNotEqualTo(t.title());
        }
        org.assertj.core.api.Assertions.assertThat(
                        ProblemType.NOT_FOUND.title(java.util.Locale.FRENCH))
                .isEqualTo("Introuvable");
        org.assertj.core.api.Assertions.assertThat(
                        ProblemType.NOT_FOUND.title(java.util.Locale.ITALIAN))
                .isEqualTo("Not found");
    }
}
