package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text exists in French, English and German. */
class MessagesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"/io/facteur/delivery/postal/internal/messages", "/OSGI-INF/l10n/postal"})
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

    @Test
    void theFooterCountsPages() {
        assertThat(Messages.of(Locale.UK).format("footer", "j1", 1))
                .isEqualTo("Print job j1 · address sheet and one invoice page");
        assertThat(Messages.of(Locale.GERMANY).format("footer", "j1", 3))
                .isEqualTo("Druckauftrag j1 · Adressblatt und 3 Rechnungsseiten");
        assertThat(LetterLanguage.of("fr-BE").messages().format("subject.creditNote", "A-1"))
                .isEqualTo("Avoir A-1");
        assertThat(LetterLanguage.of("it").messages().format("subject.invoice", "1"))
                .isEqualTo("Invoice 1");
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
