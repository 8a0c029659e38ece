package io.facteur.format.mustang.internal;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.gf.model.impl.containers.StaticContainers;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF, as {@code io.facteur.validation.pdfa} runs it: the failed rules of a PDF/A flavour. */
final class PdfA3 {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfA3() {}

    /** The rules of that flavour the PDF breaks ("6.2.11.4.1: ..."), empty when it is valid. */
    static List<String> failures(byte[] pdf, PDFAFlavour flavour) throws Exception {
        try (PDFAParser parser =
                        Foundries.defaultInstance()
                                .createParser(new ByteArrayInputStream(pdf), flavour, flavour);
                PDFAValidator validator =
                        Foundries.defaultInstance()
                                .createValidator(flavour, 5, false, true, false)) {
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + ": " + a.getMessage())
                    .distinct()
                    .toList();
        } finally {
            StaticContainers.clearAllContainers();
        }
    }
}
