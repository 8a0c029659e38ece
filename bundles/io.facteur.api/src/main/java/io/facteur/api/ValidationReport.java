package io.facteur.api;

import java.util.List;

/**
 * The findings of one rule set on one document.
 *
 * @param ruleSet the rule set and its version, such as {@code EN16931-CII 1.3.16}
 * @param findings every finding, in document order
 */
public record ValidationReport(String ruleSet, List<Finding> findings) {
    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** True when no finding is an error. */
    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** How serious a finding is. */
    public enum Severity {
        ERROR,
        WARNING,
        INFO
    }

    /**
     * One finding.
     *
     * @param rule the rule id, such as {@code BR-CO-15}
     * @param severity how serious it is
     * @param location where in the document (XPath or page), may be empty
     * @param message the rule's message
     */
    public record Finding(String rule, Severity severity, String location, String message) {}
}
