package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void everyTextExistsInFrenchEnglishAndGermanAndFormats() throws Exception {
        Properties english = load("texts.properties");
        for (String language : List.of("fr", "de")) {
            Properties other = load("texts_" + language + ".properties");
            assertThat(other.stringPropertyNames())
                    .as(language)
                    .isEqualTo(english.stringPropertyNames());
            Texts texts = Texts.of(Locale.forLanguageTag(language));
            for (String key : english.stringPropertyNames()) {
                assertThat(texts.format(key, 7, 3)).as(key).doesNotContain("{").isNotBlank();
            }
        }
        for (Problem.Kind kind : Problem.Kind.values()) {
            assertThat(english.getProperty("title." + kind.name())).as(kind.name()).isNotNull();
        }
    }

    @Test
    void frenchApostrophesSurviveTheFormatting() {
        assertThat(Texts.of(Locale.FRENCH).format("title.IDEMPOTENCY_KEY_REUSED"))
                .isEqualTo("Clé d'idempotence réutilisée");
        assertThat(Texts.of(Locale.forLanguageTag("es")).language()).isEqualTo("en");
        assertThat(Texts.of(() -> List.of(Locale.ITALIAN, Locale.GERMAN)).language())
                .isEqualTo("de");
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
