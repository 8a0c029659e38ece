package io.facteur.export.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TextsTest {

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasItsTextInEachLanguage(Reason reason) {
        Object[] args = {"a", "b", "c"};
        String en = Texts.of(Locale.ENGLISH).format(reason.key(), args);
        String fr = Texts.of(Locale.FRENCH).format(reason.key(), args);
        String de = Texts.of(Locale.GERMAN).format(reason.key(), args);
        assertThat(en).isNotBlank().isNotEqualTo(fr).isNotEqualTo(de);
        assertThat(fr).isNotEqualTo(de);
        assertThat(en + fr + de).doesNotContain("{0}").doesNotContain("{1}");
    }

    @Test
    void templateHelpShowsThePlaceholdersAndOtherLanguagesFallBackToEnglish() {
        String text = Texts.of(Locale.ITALIAN).format("error.template", "x");
        assertThat(text).contains("{number}").contains("{ext}").contains("/ or \\");
        assertThat(Texts.of(Locale.FRENCH).format("error.hostKeyNotConfirmed", "h"))
                .contains("d'hôte");
    }
}
