package io.facteur.adapterkit;

import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.invoice.BusinessTerms.Difference;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kit's verdict on one corpus file.
 *
 * @param file the corpus file
 * @param outcome what became of it
 * @param reason why it was refused, falsified, invalid or broken; empty when conform
 * @param differences the business terms outside the target's declared terms that differ
 * @param errors the error findings of the validators that apply to the result
 * @param ruleSets the rule sets applied to the result (their reports' names)
 */
public record FileResult(
        Path file,
        Outcome outcome,
        String reason,
        List<Difference> differences,
        List<Finding> errors,
        List<String> ruleSets) {

    public FileResult {
        reason = reason == null ? "" : reason;
        differences = List.copyOf(differences);
        errors = List.copyOf(errors);
        ruleSets = List.copyOf(ruleSets);
    }

    static FileResult of(Path file, Outcome outcome, String reason) {
        return new FileResult(file, outcome, reason, List.of(), List.of(), List.of());
    }

    /** The file's name, as tests name the files they expect. */
    public String name() {
        return file.getFileName().toString();
    }

    /**
     * Whether the adapter itself refused the file (with its reason), rather than the project (no
     * writer can carry the file in the target syntax) or the core's gate (the source breaks its own
     * rules).
     */
    public boolean refusedByAdapter() {
        return outcome == Outcome.REFUSED
                && !reason.startsWith(AdapterKit.PROJECT_REFUSAL)
                && !reason.startsWith(AdapterKit.SOURCE_INVALID);
    }

    /** The ids of the rules that reported an error, sorted. */
    public Set<String> errorRules() {
        TreeSet<String> rules = new TreeSet<>();
        errors.forEach(f -> rules.add(f.rule()));
        return rules;
    }

    @Override
    public String toString() {
        return name()
                + ": "
                + outcome
                + (reason.isEmpty() ? "" : " (" + reason + ")")
                + (differences.isEmpty() ? "" : " " + differences)
                + (errors.isEmpty() ? "" : " " + errorRules());
    }
}
