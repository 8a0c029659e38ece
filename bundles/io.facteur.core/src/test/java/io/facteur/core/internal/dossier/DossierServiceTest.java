package io.facteur.core.internal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.dossier.DossierService.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DossierService#check}: what a new dossier may be. */
class DossierServiceTest {
    private static final Dossier VALID =
            new Dossier("acme", "Acme SA", "FR", "123 456 789", "FR12123456789", "fr");

    @Test
    void aValidDossierHasNoViolation() {
        assertThat(DossierService.check(VALID)).isEmpty();
        assertThat(DossierService.check(new Dossier("b", "B", "DE", "", "", "de"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "acme-2", "a--b", "x-"})
    void acceptsSimpleIds(String id) {
        assertThat(attributes(withId(id))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {"../x", "a/b", "a\\b", "..", "A", "Acme", "-x", "a b", "a.b", "a_b", "é"})
    void refusesIdsThatAreNotSafeInUrlsAndFileNames(String id) {
        assertThat(attributes(withId(id))).containsExactly("id");
    }

    @Test
    void anIdHasAtMost63Characters() {
        assertThat(attributes(withId("a".repeat(63)))).isEmpty();
        assertThat(attributes(withId("a".repeat(64)))).containsExactly("id");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr", "Fr", "FRA", "F", "F1", " FR"})
    void refusesACountryThatIsNotAnUpperCaseIsoCode(String country) {
        Dossier d = new Dossier("acme", "Acme SA", country, "", "", "fr");

        assertThat(attributes(d)).containsExactly("country");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "en", "de"})
    void acceptsTheSupportedLanguages(String language) {
        assertThat(attributes(new Dossier("acme", "Acme SA", "FR", "", "", language))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FR", "es", "fr-FR", "french"})
    void refusesOtherLanguages(String language) {
        Dossier d = new Dossier("acme", "Acme SA", "FR", "", "", language);

        assertThat(DossierService.check(d))
                .containsExactly(new Violation("language", "one of [fr, en, de]"));
    }

    @Test
    void refusesABlankOrOverlongNameAndBadIdentifiers() {
        assertThat(attributes(new Dossier("acme", " ", "FR", "", "", "fr")))
                .containsExactly("name");
        assertThat(attributes(new Dossier("acme", "n".repeat(201), "FR", "", "", "fr")))
                .containsExactly("name");
        assertThat(attributes(new Dossier("acme", "Acme", "FR", "123-456", "FR 12", "fr")))
                .containsExactly("registrationId", "vatNumber");
        assertThat(attributes(new Dossier("acme", "Acme", "FR", "1".repeat(33), "", "fr")))
                .containsExactly("registrationId");
    }

    private static Dossier withId(String id) {
        return new Dossier(id, VALID.name(), "FR", "", "", "fr");
    }

    private static List<String> attributes(Dossier d) {
        return DossierService.check(d).stream().map(Violation::attribute).toList();
    }
}
