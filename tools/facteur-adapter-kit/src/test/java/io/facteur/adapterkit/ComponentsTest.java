package io.facteur.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.InvoiceReader;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.Validator;
import org.junit.jupiter.api.Test;

/** The kit finds the project's components as the OSGi runtime would. */
class ComponentsTest {

    private final Components components = Components.onClassPath();

    @Test
    void findsTheReadersWritersAndValidatorsOfTheProjectBundles() {
        var readers = components.provide(InvoiceReader.class);
        var writers = components.provide(InvoiceWriter.class);
        var validators = components.provide(Validator.class);
        assertThat(components.unavailable()).isEmpty();
        assertThat(readers)
                .extracting(r -> r.getClass().getSimpleName())
                .contains("CiiReader", "UblReader", "FacturXReader");
        assertThat(writers).extracting(InvoiceWriter::syntax).contains("UBL", "CII", "FACTUR_X");
        assertThat(validators)
                .extracting(v -> v.getClass().getSimpleName())
                .contains("En16931Validator", "XRechnungValidator", "FacturXProfileValidator");
    }

    @Test
    void sharesOneInstanceOfAReferencedComponent() throws Exception {
        var validators = components.provide(Validator.class);
        var library = new java.util.HashSet<Object>();
        for (Validator v : validators) {
            for (Class<?> c = v.getClass(); c != null; c = c.getSuperclass()) {
                for (var field : c.getDeclaredFields()) {
                    if (field.getType().getSimpleName().equals("RuleLibrary")) {
                        field.setAccessible(true);
                        library.add(field.get(v));
                    }
                }
            }
        }
        assertThat(library).hasSize(1);
    }
}
