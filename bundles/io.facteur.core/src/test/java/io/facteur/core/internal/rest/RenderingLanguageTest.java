package io.facteur.core.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RenderingLanguageTest {

    @Test
    void theParameterWinsOverAcceptLanguage() {
        assertThat(RenderingLanguage.of("de", List.of(Locale.ENGLISH))).isEqualTo(Locale.GERMAN);
        assertThat(RenderingLanguage.of(" EN ", List.of(Locale.FRENCH))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void otherwiseTheFirstAcceptedLanguageFacteurHas() {
        List<Locale> accepted =
                List.of(
                        Locale.forLanguageTag("it"),
                        Locale.forLanguageTag("de-CH"),
                        Locale.ENGLISH);

        assertThat(RenderingLanguage.of(null, accepted)).isEqualTo(Locale.GERMAN);
        assertThat(RenderingLanguage.of("", List.of(Locale.forLanguageTag("en-GB"))))
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void otherwiseFrench() {
        assertThat(RenderingLanguage.of(null, List.of())).isEqualTo(Locale.FRENCH);
        assertThat(RenderingLanguage.of(null, List.of(new Locale("*"), Locale.ITALIAN)))
                .isEqualTo(Locale.FRENCH);
    }

    @Test
    void aParameterThatIsNoneOfTheThreeIsRefused() {
        assertThatThrownBy(() -> RenderingLanguage.of("it", List.of(Locale.FRENCH)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.MALFORMED_REQUEST))
                .hasMessageContaining("fr, en, de");
        assertThatThrownBy(() -> RenderingLanguage.of("../fr", List.of()))
                .isInstanceOf(ProblemException.class);
    }
}
