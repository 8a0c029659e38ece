package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every user-visible text exists in fr, en and de, with the same keys everywhere. */
class TextsTest {

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TextsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "de"})
    void everyLanguageHasEveryKey(String language) throws IOException {
        for (String base :
                new String[] {"io/facteur/channel/mail/internal/texts", "OSGI-INF/l10n/import"}) {
            Properties en = load(base + ".properties");
            Properties other = load(base + "_" + language + ".properties");
            assertThat(other.keySet()).as(base).isEqualTo(en.keySet());
        }
    }

    @Test
    void everyReasonHasATextInEachLanguage() {
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN}) {
            Texts texts = Texts.of(l);
            for (Reason r : Reason.values()) {
                assertThat(texts.reason(r)).as(l + " " + r).isNotBlank();
            }
        }
        assertThat(Texts.of(Locale.FRENCH).reason(Reason.NO_DOSSIER)).startsWith("Aucun dossier");
        assertThat(Texts.of(Locale.GERMAN).reason(Reason.NO_DOSSIER)).startsWith("Kein Mandant");
    }

    @Test
    void everySettingOfTheFormsHasALabel() throws IOException {
        Properties en = load("OSGI-INF/l10n/import.properties");
        for (var m : MailImportSettings.class.getDeclaredMethods()) {
            String name = m.getName().replace("_", "").replace("importAddress", "address");
            assertThat(en).as(name).containsKey("import." + name + ".name");
        }
        for (var m : DossierImportSettings.class.getDeclaredMethods()) {
            assertThat(en).as(m.getName()).containsKey("dossier." + m.getName() + ".name");
        }
    }
}
