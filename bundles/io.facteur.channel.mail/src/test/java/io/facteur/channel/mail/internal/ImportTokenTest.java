package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportTokenTest {

    @Test
    void tokensAre160RandomBitsInLowerCaseBase32() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String t = ImportToken.generate();
            assertThat(t).hasSize(32).matches("[a-z2-7]{32}");
            seen.add(t);
        }
        assertThat(seen).hasSize(2000);
        // every symbol of the alphabet shows up: the bits are spread over all of it
        Set<Character> symbols = new HashSet<>();
        seen.forEach(t -> t.chars().forEach(c -> symbols.add((char) c)));
        assertThat(symbols).hasSize(32);
    }

    @Test
    void matchesTheWholeTokenCaseInsensitivelyAndNothingShorter() {
        String t = ImportToken.generate();
        assertThat(ImportToken.matches(t, t.toUpperCase())).isTrue();
        assertThat(ImportToken.matches(t, t.substring(1))).isFalse();
        assertThat(ImportToken.matches(t, t + "a")).isFalse();
        assertThat(ImportToken.matches("short", "short")).isFalse();
        assertThat(ImportToken.matches("", "")).isFalse();
        // typed by hand: not base32, or too short to be unguessable
        assertThat(ImportToken.usable("rechnungen-der-firma-mueller-gmbh")).isFalse();
        assertThat(ImportToken.usable("abcdefghijklmnopqrstuvwxy")).isFalse();
        assertThat(ImportToken.usable(t)).isTrue();
    }

    @Test
    void theAddressHintUsesPlusAddressing() {
        assertThat(ImportAddress.hint("import@invoices.example", "abc"))
                .isEqualTo("import+abc@invoices.example");
        assertThat(ImportAddress.hint("import+x@invoices.example", "abc"))
                .isEqualTo("import+abc@invoices.example");
        assertThat(ImportAddress.hint("", "abc")).isEmpty();
    }
}
