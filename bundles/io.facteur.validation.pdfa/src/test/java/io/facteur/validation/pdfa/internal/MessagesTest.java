package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Facteur's own findings and its settings read the same in French, English and German. */
class MessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"io/facteur/validation/pdfa/internal/messages", "OSGI-INF/l10n/pdfa"})
    void frenchAndGermanHaveEveryKeyOfEnglish(String bundle) throws IOException {
        Set<Object> english = load(bundle + ".properties").keySet();

        assertThat(english).isNotEmpty();
        assertThat(load(bundle + "_fr.properties").keySet()).isEqualTo(english);
        assertThat(load(bundle + "_de.properties").keySet()).isEqualTo(english);
    }

    @Test
    void everyFindingFormatsInEachLanguage() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN}) {
            Messages messages = Messages.of(locale);
            assertThat(messages.format("refused.tooLarge", 25.2, 20.0))
                    .contains("25")
                    .contains("20");
            assertThat(messages.format("part.other", "PDF/A-1A", "PDF/A-3"))
                    .contains("PDF/A-1A")
                    .contains("PDF/A-3")
                    .doesNotContain("{");
            assertThat(messages.format("refused.notPdf")).doesNotContain("''");
            assertThat(messages.format("unlisted", 1234)).startsWith("1");
        }
        assertThat(Messages.of(Locale.FRENCH).format("refused.notPdf"))
                .startsWith("Ce fichier n'est pas un PDF");
        assertThat(Messages.of(Locale.GERMAN).format("or")).isEqualTo("oder");
        assertThat(Messages.of(Locale.ITALIAN).format("or")).isEqualTo("or");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
