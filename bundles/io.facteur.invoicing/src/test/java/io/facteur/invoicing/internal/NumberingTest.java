package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberingTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);

    @RegisterExtension final TestDerby derby = new TestDerby();

    @ParameterizedTest
    @CsvSource({
        "F{yyyy}-{seq:5}, 1, F2026-00001",
        "F{yyyy}-{seq:5}, 123456, F2026-123456",
        "FA{yy}{mm}/{seq:3}, 42, FA2603/042",
        "INV-{seq}, 7, INV-7",
        "{seq:1}, 10, 10",
        "2026.{mm}_{seq:2}, 3, 2026.03_03"
    })
    void formatsTheTokens(String pattern, long sequence, String number) {
        assertThat(Numbering.check(pattern, Locale.ENGLISH)).isEmpty();
        assertThat(Numbering.format(pattern, sequence, DAY)).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "F{yyyy}-",
                "F{seq}-{seq}",
                "F {seq}",
                "F#{seq}",
                "Facture{seq}é",
                "F{yyy}-{seq}",
                "F{seq",
                "F{seq:0}",
                "F{seq:13}",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-{seq}"
            })
    void refusesPatternsThatCannotMakeGoodNumbers(String pattern) {
        List<FieldProblem> problems = Numbering.check(pattern, Locale.ENGLISH);

        assertThat(problems)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.field()).isEqualTo("/pattern"));
    }

    @Test
    void saysWhatIsWrongInTheUsersLanguage() {
        assertThat(Numbering.check("F{yyyy}", Locale.ENGLISH))
                .extracting(FieldProblem::message)
                .containsExactly("The pattern needs the sequence placeholder {seq} or {seq:N}.");
        assertThat(Numbering.check("F{yyyy}", Locale.FRENCH))
                .extracting(FieldProblem::message)
                .containsExactly("Le modèle doit contenir le compteur {seq} ou {seq:N}.");
        assertThat(Numbering.check("F{yyyy}", Locale.GERMAN).get(0).message())
                .contains("Zählerplatzhalter");
        assertThat(Numbering.check("F" + "x".repeat(40) + "{seq}", Locale.ENGLISH))
                .extracting(FieldProblem::message)
                .containsExactly("A number pattern has at most 40 characters.");
    }

    @Test
    void knowsWhetherTheYearIsInTheNumber() {
        assertThat(Numbering.hasYear("F{yyyy}-{seq}")).isTrue();
        assertThat(Numbering.hasYear("F{yy}{seq}")).isTrue();
        assertThat(Numbering.hasYear("F{mm}-{seq}")).isFalse();
    }

    @Test
    void aDossierKeepsTheDefaultNumberingUntilItSetsOne() throws Exception {
        Sequences sequences = sequences();

        assertThat(sequences.settings("d1"))
                .isEqualTo(new Sequences.Settings("F{yyyy}-{seq:5}", true, 1, 2026));

        sequences.configure("d1", "INV-{seq:4}", false, 143L, Locale.ENGLISH);
        assertThat(sequences.settings("d1"))
                .isEqualTo(new Sequences.Settings("INV-{seq:4}", false, 143, 2026));
    }

    @Test
    void aBadPatternOrALowerNextValueIsRefused() throws Exception {
        Sequences sequences = sequences();
        sequences.configure("d1", "INV-{seq:4}", false, 10L, Locale.ENGLISH);

        assertThatThrownBy(() -> sequences.configure("d1", "INV", false, null, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        ProblemsException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(FieldProblem::field)
                                        .containsExactly("/pattern"));
        assertThatThrownBy(() -> sequences.configure("d1", "INV-{seq}", false, 9L, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        ProblemsException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(FieldProblem::message)
                                        .containsExactly(
                                                "The next number cannot be lower than 10: a number must"
                                                        + " never be given twice."));
        assertThatThrownBy(() -> sequences.configure("d1", "INV-{seq}", false, 0L, Locale.ENGLISH))
                .isInstanceOf(ProblemsException.class);
        assertThat(sequences.settings("d1"))
                .isEqualTo(new Sequences.Settings("INV-{seq:4}", false, 10, 2026));
    }

    private Sequences sequences() throws SQLException {
        return new Sequences(
                new InvoicingDatabase(derby.dataSource()),
                new TestClock(ZonedDateTime.of(2026, 3, 12, 10, 0, 0, 0, TestClock.PARIS)));
    }
}
