package io.facteur.validation.pdfa.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.verapdf.containers.StaticCoreContainers;
import org.verapdf.core.EncryptedPdfException;
import org.verapdf.core.ModelParsingException;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.model.impl.containers.StaticContainers;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.flavours.PDFAFlavour.SpecificationFamily;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.processor.reports.enums.JobEndStatus;
import org.verapdf.tools.StaticResources;
import org.verapdf.xmp.containers.StaticXmpCoreContainers;

/**
 * One PDF checked by veraPDF against the PDF/A flavour it declares in its XMP metadata (PDF/A-3B
 * when it declares none), stoppable from another thread. A PDF veraPDF cannot parse gives an {@link
 * Unreadable} outcome, never an exception.
 */
final class PdfaCheck implements CheckRunner.Stoppable {

    /** What the check found. */
    sealed interface Outcome permits Checked, Unreadable, Stopped {}

    /**
     * The PDF was checked.
     *
     * @param declared the PDF/A flavour of its XMP metadata, empty when it declares none
     * @param checkedAs the flavour whose rules were applied
     * @param result veraPDF's result; its job end status tells whether it was stopped
     */
    record Checked(Optional<PDFAFlavour> declared, PDFAFlavour checkedAs, ValidationResult result)
            implements Outcome {}

    /**
     * veraPDF could not parse the PDF.
     *
     * @param encrypted whether it is encrypted (PDF/A forbids it)
     * @param detail veraPDF's reason, in English
     */
    record Unreadable(boolean encrypted, String detail) implements Outcome {}

    /** The check was stopped before it gave any result. */
    record Stopped() implements Outcome {}

    private static final int MAX_DETAIL = 300;

    private final VeraPDFFoundry foundry;
    private final byte[] pdf;
    private final int maxFailedChecksPerRule;
    private volatile PDFAValidator validator;
    private volatile boolean stopped;

    PdfaCheck(VeraPDFFoundry foundry, byte[] pdf, int maxFailedChecksPerRule) {
        this.foundry = foundry;
        this.pdf = pdf;
        this.maxFailedChecksPerRule = maxFailedChecksPerRule;
    }

    @Override
    public Outcome call() {
        return VeraPdf.withBundleLoader(this::run);
    }

    /** Asks the validation to end at its next object; the result then says TIMEOUT. */
    @Override
    public void stop() {
        stopped = true;
        PDFAValidator running = validator;
        if (running != null) {
            running.cancelValidation(JobEndStatus.TIMEOUT);
        }
    }

    private Outcome run() {
        try (PDFAParser parser =
                foundry.createParser(
                        new ByteArrayInputStream(pdf),
                        PDFAFlavour.NO_FLAVOUR,
                        PDFAFlavour.NO_FLAVOUR)) {
            Optional<PDFAFlavour> declared =
                    parser.getFlavours().stream()
                            .filter(f -> f.getPart().getFamily() == SpecificationFamily.PDF_A)
                            .findFirst();
            PDFAFlavour flavour = declared.orElse(PDFAFlavour.PDFA_3_B);
            try (PDFAValidator v =
                    foundry.createValidator(flavour, maxFailedChecksPerRule, false, true, false)) {
                validator = v;
                if (stopped) {
                    v.cancelValidation(JobEndStatus.TIMEOUT);
                }
                ValidationResult result = v.validate(parser);
                return result == null
                        ? new Unreadable(false, "veraPDF gave no result for " + flavour)
                        : new Checked(declared, flavour, result);
            }
        } catch (EncryptedPdfException e) {
            return new Unreadable(true, detail(e));
        } catch (ModelParsingException
                | ValidationException
                | IOException
                | RuntimeException
                | StackOverflowError e) {
            return new Unreadable(false, detail(e));
        } finally {
            forgetDocument();
        }
    }

    /** veraPDF keeps the parsed document in thread locals until the next parse: drop it now. */
    private static void forgetDocument() {
        StaticContainers.clearAllContainers();
        StaticCoreContainers.clearAllContainers();
        StaticXmpCoreContainers.clearAllContainers();
        StaticResources.clear();
    }

    /** The messages of the exception and its causes, bounded: they may quote the PDF. */
    private static String detail(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < MAX_DETAIL; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text.toString();
    }
}
