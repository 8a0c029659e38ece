package io.facteur.export.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.net.TargetAddresses;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text exists in French, English and German, and each is a valid pattern. */
class TextsTest {
    @ParameterizedTest
    @ValueSource(strings = {"/io/facteur/export/http/internal/messages", "/OSGI-INF/l10n/http"})
    void everyLanguageHasEveryKey(String base) throws Exception {
        Properties en = load(base + ".properties");
        assertThat(en).isNotEmpty();
        for (String language : new String[] {"fr", "de"}) {
            Properties translated = load(base + "_" + language + ".properties");
            assertThat(translated.keySet()).as(language).isEqualTo(en.keySet());
            assertThat(translated).as(language).isNotEqualTo(en);
            assertThat(translated.values()).as(language).allMatch(v -> !v.toString().isBlank());
            if (base.endsWith("messages")) {
                translated.values().forEach(v -> new MessageFormat(v.toString()));
            }
        }
    }

    @Test
    void everyAddressScopeHasAReason() throws Exception {
        Properties en = load("/io/facteur/export/http/internal/messages.properties");
        for (TargetAddresses.Scope scope : TargetAddresses.Scope.values()) {
            if (!scope.isPublic()) {
                assertThat(en).containsKey("url.refused." + scope.name());
            }
        }
    }

    @Test
    void otherLanguagesGetEnglish() {
        assertThat(Texts.of(Locale.ITALIAN).format("net.timeout", 30))
                .isEqualTo("No answer within 30 seconds.");
        assertThat(Texts.of(Locale.CANADA_FRENCH).format("net.timeout", 30))
                .isEqualTo("Pas de réponse en 30 secondes.");
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
