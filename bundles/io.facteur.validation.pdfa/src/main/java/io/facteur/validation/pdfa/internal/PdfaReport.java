package io.facteur.validation.pdfa.internal;

import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.validation.pdfa.internal.PdfaCheck.Checked;
import io.facteur.validation.pdfa.internal.PdfaCheck.Outcome;
import io.facteur.validation.pdfa.internal.PdfaCheck.Unreadable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.validation.profiles.RuleId;
import org.verapdf.processor.reports.enums.JobEndStatus;

/**
 * Turns what a PDF/A check found into Facteur's report: each failed veraPDF check is an error whose
 * rule is the clause and test number ({@code 6.2.11.4.1-1}), whose location is veraPDF's object
 * path and whose message is the rule's description; Facteur's own findings carry rule ids starting
 * with {@code FACTEUR-}.
 */
final class PdfaReport {

    /** The file is empty, not a PDF, encrypted or cannot be parsed. */
    static final String UNREADABLE = "FACTEUR-PDF";

    /** The file is larger than the PDF/A check accepts. */
    static final String TOO_LARGE = "FACTEUR-PDF-SIZE";

    /** The PDF declares no PDF/A part, or one Factur-X does not allow. */
    static final String PART = "FACTEUR-PDFA-PART";

    /** The check was stopped at the time limit. */
    static final String STOPPED = "FACTEUR-PDFA-TIMEOUT";

    private static final int MAX_TEXT = 1000;

    private final Messages messages;
    private final Limits limits;
    private final String engine;

    PdfaReport(Messages messages, Limits limits, String veraPdfVersion) {
        this.messages = messages;
        this.limits = limits;
        this.engine = "veraPDF " + veraPdfVersion;
    }

    /** A report with one error: the PDF was not checked. */
    ValidationReport refused(String rule, String key, Object... arguments) {
        return new ValidationReport(
                ruleSet(null),
                List.of(new Finding(rule, Severity.ERROR, "", messages.format(key, arguments))));
    }

    ValidationReport of(Outcome outcome) {
        if (outcome instanceof Checked checked) {
            return checked(checked);
        }
        if (outcome instanceof Unreadable unreadable) {
            return unreadable.encrypted()
                    ? refused(UNREADABLE, "refused.encrypted", bounded(unreadable.detail()))
                    : refused(UNREADABLE, "refused.unparsable", bounded(unreadable.detail()));
        }
        return refused(STOPPED, "stopped.nothing", limits.timeout().toSeconds());
    }

    private ValidationReport checked(Checked checked) {
        List<Finding> findings = new ArrayList<>();
        declaration(checked.declared()).ifPresent(findings::add);
        Map<String, Integer> listed = new HashMap<>();
        for (TestAssertion assertion : checked.result().getTestAssertions()) {
            if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                String rule = ruleId(assertion.getRuleId());
                listed.merge(rule, 1, Integer::sum);
                findings.add(
                        new Finding(
                                rule,
                                Severity.ERROR,
                                bounded(assertion.getLocation().getContext()),
                                message(assertion)));
            }
        }
        Map<String, Integer> failed = new TreeMap<>();
        checked.result().getFailedChecks().forEach((id, count) -> failed.put(ruleId(id), count));
        failed.forEach(
                (rule, count) -> {
                    int unlisted = count - listed.getOrDefault(rule, 0);
                    if (unlisted > 0) {
                        findings.add(
                                new Finding(
                                        rule,
                                        Severity.INFO,
                                        "",
                                        messages.format("unlisted", unlisted)));
                    }
                });
        if (checked.result().getJobEndStatus() != JobEndStatus.NORMAL) {
            findings.add(
                    new Finding(
                            STOPPED,
                            Severity.ERROR,
                            "",
                            messages.format("stopped", limits.timeout().toSeconds())));
        }
        return new ValidationReport(ruleSet(checked.checkedAs()), findings);
    }

    /** An error when the PDF declares no PDF/A part, or one that Factur-X does not allow. */
    private Optional<Finding> declaration(Optional<PDFAFlavour> declared) {
        if (declared.isEmpty()) {
            return Optional.of(
                    new Finding(
                            PART,
                            Severity.ERROR,
                            "pdfaid:part",
                            messages.format("part.none", required(), name(PDFAFlavour.PDFA_3_B))));
        }
        Integer part = declared.get().getPart().getPartNumber();
        if (limits.acceptedParts().contains(part)) {
            return Optional.empty();
        }
        return Optional.of(
                new Finding(
                        PART,
                        Severity.ERROR,
                        "pdfaid:part",
                        messages.format("part.other", name(declared.get()), required())));
    }

    private String required() {
        return limits.acceptedParts().stream()
                .sorted()
                .map(p -> "PDF/A-" + p)
                .collect(Collectors.joining(" " + messages.format("or") + " "));
    }

    /** Such as {@code PDF/A-3B (veraPDF 1.30.2)}, or {@code PDF/A (veraPDF 1.30.2)} unchecked. */
    private String ruleSet(PDFAFlavour flavour) {
        return (flavour == null ? "PDF/A" : name(flavour)) + " (" + engine + ")";
    }

    /** Such as {@code PDF/A-3B}, {@code PDF/A-4F}, {@code PDF/A-4}. */
    static String name(PDFAFlavour flavour) {
        return "PDF/A-" + flavour.getId().toUpperCase(Locale.ROOT);
    }

    /** The clause and test number, such as {@code 6.2.11.4.1-1}. */
    static String ruleId(RuleId id) {
        return id.getClause() + "-" + id.getTestNumber();
    }

    private static String message(TestAssertion assertion) {
        String description = assertion.getMessage() == null ? "" : assertion.getMessage().strip();
        String error = assertion.getErrorMessage();
        if (error == null || error.isBlank() || description.contains(error.strip())) {
            return bounded(description);
        }
        return bounded(description + " [" + error.strip() + "]");
    }

    private static String bounded(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
