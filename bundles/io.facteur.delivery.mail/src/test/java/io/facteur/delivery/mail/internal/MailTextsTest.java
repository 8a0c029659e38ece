package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mails, failures and settings read the same in French, English and German. */
class MailTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"io/facteur/delivery/mail/internal/texts", "OSGI-INF/l10n/mail"})
    void frenchAndGermanHaveEveryKeyOfEnglish(String bundle) throws IOException {
        Set<Object> english = load(bundle + ".properties").keySet();

        assertThat(english).isNotEmpty();
        assertThat(load(bundle + "_fr.properties").keySet()).isEqualTo(english);
        assertThat(load(bundle + "_de.properties").keySet()).isEqualTo(english);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.facteur.delivery.mail", "io.facteur.delivery.mail.dossier"})
    void everyLabelOfTheSettingsFormsIsTranslated(String pid) throws IOException {
        String xml;
        try (InputStream in = resource("OSGI-INF/metatype/" + pid + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\"%([\\w.]+)\"").matcher(xml);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).hasSizeGreaterThan(4);
        for (String language : new String[] {"", "_fr", "_de"}) {
            assertThat(load("OSGI-INF/l10n/mail" + language + ".properties").stringPropertyNames())
                    .as(language)
                    .containsAll(used);
        }
    }

    @Test
    void everyTextTheCodeUsesFormatsInEachLanguage() throws IOException {
        Set<String> keys = new TreeSet<>();
        Pattern use = Pattern.compile("\"((?:mail\\.(?:subject|body)|error)\\.[\\w.]*\\w)\"");
        try (Stream<Path> sources =
                Files.walk(Path.of("src/main/java/io/facteur/delivery/mail/internal"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Matcher m = use.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        // keys built from the document kind
        for (String kind : new String[] {"invoice", "creditNote"}) {
            keys.add("mail.subject." + kind);
            keys.add("mail.body." + kind);
        }
        assertThat(keys).contains("error.noRecipient", "mail.body.invoice.due");
        for (String language : new String[] {"fr", "en", "de"}) {
            MailTexts texts = MailTexts.of(language);
            for (String key : keys) {
                String text = texts.format(key, "A1", "B2", "C3", "D4");
                assertThat(text).as(language + " " + key).doesNotContain("{", "''");
            }
        }
    }

    @Test
    void anUnknownLanguageGetsFrench() {
        assertThat(MailTexts.localeOf("it")).isEqualTo(Locale.FRENCH);
        assertThat(MailTexts.localeOf(null)).isEqualTo(Locale.FRENCH);
        assertThat(MailTexts.localeOf(" DE ")).isEqualTo(Locale.GERMAN);
        assertThat(MailTexts.of("en").format("error.noRecipient"))
                .isEqualTo("The customer has no e-mail address.");
        assertThat(MailTexts.of("xx").format("error.noRecipient"))
                .isEqualTo("Le client n\u2019a pas d\u2019adresse \u00e9lectronique.");
    }

    private static InputStream resource(String name) {
        InputStream in = MailTextsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource(name)) {
            properties.load(in);
        }
        return properties;
    }
}
