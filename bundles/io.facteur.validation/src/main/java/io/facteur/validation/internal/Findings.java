package io.facteur.validation.internal;

import com.helger.diagnostics.error.IError;
import com.helger.diagnostics.error.level.EErrorLevel;
import com.helger.diagnostics.error.level.IErrorLevel;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.result.ValidationResultList;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Turns phive's results into Facteur findings: the Schematron assertion id (BR-CO-15) as the rule,
 * its XPath as the location; XML Schema errors carry the rule id {@value #SCHEMA_RULE} and a line.
 */
final class Findings {

    static final String SCHEMA_RULE = "XSD";
    static final String SKIPPED_RULE = "SKIPPED";

    private Findings() {}

    /**
     * The findings of the layers whose rule resource path the filter accepts, in document order.
     */
    static List<Finding> of(ValidationResultList results, Predicate<String> layers) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationResult result : results) {
            if (!layers.test(result.getValidationArtefact().getRuleResource().getPath())) {
                continue;
            }
            if (result.isSkipped()) {
                findings.add(skipped(result));
                continue;
            }
            for (IError error : result.getErrorList()) {
                findings.add(finding(error));
            }
        }
        return findings;
    }

    /** The INFO finding telling that phive skipped this layer because an earlier one failed. */
    static Finding skipped(ValidationResult result) {
        return new Finding(
                SKIPPED_RULE,
                Severity.INFO,
                "",
                "Not applied because an earlier layer failed: "
                        + result.getValidationArtefact().getRuleResource().getPath());
    }

    /** One error as a finding: its id (or {@value #SCHEMA_RULE}), severity, XPath or line. */
    static Finding finding(IError error) {
        String rule = error.getErrorID();
        String location = error.getErrorFieldName();
        if (location == null || location.isEmpty()) {
            location = error.hasErrorLocation() ? error.getErrorLocation().getAsString() : "";
        }
        String message = error.getErrorText(Locale.ENGLISH);
        return new Finding(
                rule == null || rule.isBlank() ? SCHEMA_RULE : rule,
                severity(error.getErrorLevel()),
                location == null ? "" : location,
                message == null ? "" : message);
    }

    static Severity severity(IErrorLevel level) {
        if (level.isGE(EErrorLevel.ERROR)) {
            return Severity.ERROR;
        }
        return level.isGE(EErrorLevel.WARN) ? Severity.WARNING : Severity.INFO;
    }
}
