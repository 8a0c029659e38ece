package io.facteur.validation.pdfa.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.Invoice;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a Factur-X / ZUGFeRD PDF is the PDF/A it must be, with veraPDF's rules for the
 * flavour it declares in its XMP metadata. A PDF that declares no PDF/A-3 (or another accepted
 * part) gets an error saying so; one that cannot be parsed gets an error, never an exception.
 */
@Component(
        service = Validator.class,
        configurationPid = PdfaSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PdfaSettings.class)
@Capability(
        capability = "validation.pdfa",
        kind = CapabilityKind.VALIDATOR,
        label = "PDF/A-3 (veraPDF)")
public class PdfaValidator implements Validator {

    private static final Set<String> SYNTAXES = Set.of("FACTUR_X", "ZUGFERD_1");
    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_WINDOW = 1024;

    private final Logger logger = LoggerFactory.getLogger(PdfaValidator.class);
    private final Limits limits;
    private final VeraPdf verapdf;
    private final PdfaReport report;
    private final CheckRunner runner;

    /** Loads veraPDF's profiles (about a second) and starts no thread until the first check. */
    @Activate
    public PdfaValidator(PdfaSettings settings) {
        this(Limits.of(settings));
    }

    PdfaValidator(Limits limits) {
        this.limits = limits;
        long start = System.nanoTime();
        this.verapdf = VeraPdf.initialise();
        this.report = new PdfaReport(Messages.of(Locale.ENGLISH), limits, verapdf.version());
        this.runner = new CheckRunner(limits.parallelChecks(), CheckRunner.GRACE);
        logger.info(
                "veraPDF {} ready in {} ms; PDF/A parts accepted for Factur-X: {}",
                verapdf.version(),
                (System.nanoTime() - start) / 1_000_000,
                limits.acceptedParts());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        runner.close();
    }

    @Override
    public boolean appliesTo(Syntax syntax) {
        return SYNTAXES.contains(syntax.syntax());
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckRunner.Closing when the component stops during the check: the check did not
     *     happen and is to be tried again, it says nothing about the PDF
     */
    @Override
    public ValidationReport validate(Document original, Invoice invoice) {
        byte[] pdf = original.content();
        if (pdf.length == 0) {
            return report.refused(PdfaReport.UNREADABLE, "refused.empty");
        }
        if (pdf.length > limits.maxBytes()) {
            return report.refused(
                    PdfaReport.TOO_LARGE,
                    "refused.tooLarge",
                    megabytes(pdf.length),
                    megabytes(limits.maxBytes()));
        }
        if (!hasHeader(pdf)) {
            return report.refused(PdfaReport.UNREADABLE, "refused.notPdf");
        }
        long start = System.nanoTime();
        PdfaCheck.Outcome outcome =
                runner.run(
                        verapdf.check(pdf, limits.maxFailedChecksPerRule()),
                        limits.timeout(),
                        original.fileName());
        ValidationReport result = report.of(outcome);
        logger.debug(
                "{}: {} findings under {} in {} ms",
                original.fileName(),
                result.findings().size(),
                result.ruleSet(),
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /** A PDF header may follow some junk, within the first kilobyte (ISO 32000-1, 7.5.2). */
    private static boolean hasHeader(byte[] content) {
        int last = Math.min(content.length, HEADER_WINDOW) - HEADER.length;
        for (int i = 0; i <= last; i++) {
            int j = 0;
            while (j < HEADER.length && content[i + j] == HEADER[j]) {
                j++;
            }
            if (j == HEADER.length) {
                return true;
            }
        }
        return false;
    }

    private static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
