package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Outside text becomes one clean, bounded line. */
class AddressTextTest {

    @Test
    void lineBreaksAndRunsOfWhiteSpaceBecomeOneSpace() {
        assertThat(AddressText.clean("  Große\r\n Straße\t\t5\u2028x\u00a0y "))
                .isEqualTo("Große Straße 5 x y");
    }

    @Test
    void controlAndBidiCharactersAreDropped() {
        assertThat(AddressText.clean("a\u0000b\u001bc\u202Ed\u202Ce\u2066f\u200Bg\uFEFFh\uE000i"))
                .isEqualTo("abcdefghi");
    }

    @Test
    void decomposedAccentsAreComposed() {
        assertThat(AddressText.clean("Rene\u0301e")).isEqualTo("Renée");
    }

    @Test
    void theLengthIsBounded() {
        assertThat(AddressText.clean("x".repeat(100_000))).hasSize(AddressText.MAX_CHARS);
        assertThat(AddressText.clean("\n".repeat(100_000) + "y")).isEmpty();
        assertThat(AddressText.clean("12345678901234567890123", 20)).hasSize(20);
    }

    @Test
    void nothingGivesNothing() {
        assertThat(AddressText.clean(null)).isEmpty();
        assertThat(AddressText.clean(" \r\n\u202E ")).isEmpty();
    }
}
