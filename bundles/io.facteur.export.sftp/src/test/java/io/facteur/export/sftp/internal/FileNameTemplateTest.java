package io.facteur.export.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTemplateTest {
    private static final byte[] BYTES = "<x/>".getBytes(StandardCharsets.UTF_8);

    private static String render(String template, String number) throws SftpProblem {
        return FileNameTemplate.parse(template)
                .render(Exports.export("key-1234567890", number, BYTES, Map.of()));
    }

    @Test
    void everyPlaceholderHasItsValue() throws SftpProblem {
        assertThat(FileNameTemplate.placeholders())
                .containsExactlyInAnyOrder(
                        "number", "date", "seller", "format", "ext", "invoice", "type");
        assertThat(render("{number}.{ext}", "INV-1")).isEqualTo("INV-1.xml");
        assertThat(render("{invoice}-{type}-{format}-{date}", "A"))
                .isEqualTo("inv-key-1234567890-380-original-2026-03-14");
        assertThat(render("export {seller}", "A")).isEqualTo("export Muller___Sohne_GmbH");
    }

    @Test
    void hostileValuesAreCleaned() throws SftpProblem {
        assertThat(render("{number}.{ext}", "../../etc/passwd")).isEqualTo("_._.._etc_passwd.xml");
        assertThat(render("{number}.{ext}", ".hidden")).isEqualTo("_hidden.xml");
        assertThat(render("{number}.{ext}", "a\u0000b\nc")).isEqualTo("a_b_c.xml");
        assertThat(render("{number}.{ext}", "  ")).isEqualTo("_.xml");
        assertThat(render("{number}", "x".repeat(500))).hasSize(64);
        assertThat(FileNameTemplate.clean("Fa\u0300cture n\u00b0 12")).isEqualTo("Facture_n__12");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../x",
                "{unknown}",
                "a/b",
                "{number",
                "number}",
                "{{number}}",
                "{}",
                ".{number}",
                "..",
                "a\\b",
                "x\ty"
            })
    void badTemplatesAreRefused(String template) {
        assertThatThrownBy(() -> render(template, "INV-1"))
                .isInstanceOfSatisfying(
                        SftpProblem.class, p -> assertThat(p.reason()).isEqualTo(Reason.TEMPLATE));
    }

    @Test
    void aNameOver200CharactersIsRefused() {
        assertThatThrownBy(() -> render("y".repeat(150) + "{number}", "z".repeat(60)))
                .isInstanceOf(SftpProblem.class);
    }
}
