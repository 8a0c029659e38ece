package io.facteur.validation.pdfa.internal;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.validation.profiles.ProfileDirectory;
import org.verapdf.pdfa.validation.profiles.Profiles;

/**
 * veraPDF's greenfield foundry with its PDF/A validation profiles loaded: made once per component
 * activation (registering the foundry and reading the profiles with JAXB is the costly part), then
 * shared by every check.
 */
final class VeraPdf {

    /** Every PDF/A flavour a PDF may declare: their profiles must all be there. */
    static final List<PDFAFlavour> PDFA_FLAVOURS =
            List.of(
                    PDFAFlavour.PDFA_1_A,
                    PDFAFlavour.PDFA_1_B,
                    PDFAFlavour.PDFA_2_A,
                    PDFAFlavour.PDFA_2_B,
                    PDFAFlavour.PDFA_2_U,
                    PDFAFlavour.PDFA_3_A,
                    PDFAFlavour.PDFA_3_B,
                    PDFAFlavour.PDFA_3_U,
                    PDFAFlavour.PDFA_4,
                    PDFAFlavour.PDFA_4_E,
                    PDFAFlavour.PDFA_4_F);

    private final VeraPDFFoundry foundry;
    private final String version;

    private VeraPdf(VeraPDFFoundry foundry, String version) {
        this.foundry = foundry;
        this.version = version;
    }

    /**
     * Registers the greenfield foundry and loads the PDF/A profiles.
     *
     * @throws IllegalStateException when a profile is missing: veraPDF reads them with JAXB, and
     *     only prints a stack trace when that fails (a missing JAXB runtime, a wrong TCCL)
     */
    static VeraPdf initialise() {
        return withBundleLoader(
                () -> {
                    VeraGreenfieldFoundryProvider.initialise();
                    ProfileDirectory profiles = Profiles.getVeraProfileDirectory();
                    for (PDFAFlavour flavour : PDFA_FLAVOURS) {
                        try {
                            profiles.getValidationProfileByFlavour(flavour);
                        } catch (NoSuchElementException e) {
                            throw new IllegalStateException(
                                    "veraPDF has no validation profile for " + flavour, e);
                        }
                    }
                    VeraPDFFoundry foundry = Foundries.defaultInstance();
                    return new VeraPdf(foundry, foundry.getDetails().getVersion());
                });
    }

    /** veraPDF's version, such as {@code 1.30.2}. */
    String version() {
        return version;
    }

    /** A check of these bytes, listing at most that many failed checks of each rule. */
    PdfaCheck check(byte[] pdf, int maxFailedChecksPerRule) {
        return new PdfaCheck(foundry, pdf, maxFailedChecksPerRule);
    }

    /**
     * Runs the work with this bundle's class loader as the thread context class loader: JAXB finds
     * its runtime, and Rhino the classes of the validation model, through it.
     */
    static <T> T withBundleLoader(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(VeraPdf.class.getClassLoader());
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
