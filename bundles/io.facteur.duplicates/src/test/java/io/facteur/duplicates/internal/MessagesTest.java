package io.facteur.duplicates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text exists in French, English and German. */
class MessagesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"/io/facteur/duplicates/internal/messages", "/OSGI-INF/l10n/duplicates"})
    void everyLanguageHasEveryKey(String base) throws Exception {
        Properties en = load(base + ".properties");
        assertThat(en).isNotEmpty();
        for (String language : new String[] {"fr", "de"}) {
            Properties translated = load(base + "_" + language + ".properties");
            assertThat(translated.keySet()).as(language).isEqualTo(en.keySet());
            assertThat(translated).as(language).isNotEqualTo(en);
            assertThat(translated.values()).as(language).allMatch(v -> !v.toString().isBlank());
        }
    }

    @org.junit.jupiter.api.Test
    void theReasonIsWrittenInTheLanguageAsked() {
        assertThat(Messages.of(java.util.Locale.FRENCH).format("field.ISSUE_DATE"))
                .isEqualTo("date d’émission");
        assertThat(Messages.of(java.util.Locale.GERMAN).format("more", 3))
                .isEqualTo("(und 3 weitere)");
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(in);
        }
        return p;
    }
}
