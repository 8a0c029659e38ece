package io.facteur.core.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

    @Test
    void aMessageIsSaidInEachLanguageWithItsDataUnchanged() {
        Message m = Message.of("received.from", "facture-été.pdf", 6742, "mail", "a@b.fr");

        assertThat(m.text(Locale.FRENCH))
                .isEqualTo("Reçu facture-été.pdf (6742 octets) par mail de a@b.fr");
        assertThat(m.text(Locale.GERMAN))
                .isEqualTo("facture-été.pdf (6742 Bytes) empfangen über mail von a@b.fr");
        assertThat(m.text(Locale.ENGLISH))
                .isEqualTo("Received facture-été.pdf (6742 bytes) by mail from a@b.fr");
        assertThat(m.english()).isEqualTo(m.text(Locale.ENGLISH));
    }

    @Test
    void anApostropheInFrenchAndBracesInDataAreKept() {
        assertThat(Message.of("validated.none", "{0} 'x'").text(Locale.FRENCH))
                .isEqualTo("Aucun jeu de règles ne s'applique à {0} 'x'");
    }

    @Test
    void keysAsAnArgumentAreSaidInTheReadersLanguage() {
        Message m =
                Message.of(
                        "duplicates.duplicate",
                        "inv-1",
                        Message.keys(java.util.List.of("field.seller", "field.payable_amount")));

        assertThat(m.text(Locale.FRENCH))
                .isEqualTo("Doublon de inv-1 (mêmes champs : vendeur, montant dû)");
        assertThat(m.text(Locale.GERMAN))
                .isEqualTo("Dublette von inv-1 (gleiche Felder: Verkäufer, fälliger Betrag)");
        assertThat(m.english()).isEqualTo("Duplicate of inv-1 (the same seller, amount due)");
    }

    @Test
    void otherLanguagesGetEnglishAndAnUnknownKeyStillShowsItsData() {
        assertThat(Message.of("waiting.noValidator").text(Locale.ITALIAN))
                .isEqualTo("No validator is installed");
        assertThat(Message.of("from.a.newer.version", "x").text(Locale.FRENCH))
                .contains("from.a.newer.version", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "de"})
    void everyKeyIsTranslated(String language) throws IOException {
        Properties root = load("");
        Properties translated = load("_" + language);
        assertThat(translated.stringPropertyNames()).isEqualTo(root.stringPropertyNames());
    }

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                MessageTest.class.getResourceAsStream("Timeline" + suffix + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
