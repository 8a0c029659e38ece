package io.facteur.adapterkit;

import io.facteur.api.ReceiverAdapter.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kit's verdicts on a corpus, with the assertion an adapter's test makes: every file conform or
 * refused with a reason, none falsified, none broken, and no file invalid but those the test names
 * with the rule ids the rules refuse them by.
 */
public final class KitReport {

    private final Target target;
    private final List<FileResult> results;
    private final List<Path> ignored;

    KitReport(Target target, List<FileResult> results, List<Path> ignored) {
        this.target = target;
        this.results = List.copyOf(results);
        this.ignored = List.copyOf(ignored);
    }

    /** Every checked file's verdict, in corpus order. */
    public List<FileResult> results() {
        return results;
    }

    /** Files that are no CII nor UBL invoice, not checked. */
    public List<Path> ignored() {
        return ignored;
    }

    /** The verdicts with this outcome. */
    public List<FileResult> with(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).toList();
    }

    /** How many files have this outcome. */
    public int count(Outcome outcome) {
        return with(outcome).size();
    }

    /** The invalid files by name, each with the ids of the rules that reported an error. */
    public Map<String, Set<String>> invalidByRules() {
        Map<String, Set<String>> invalid = new TreeMap<>();
        with(Outcome.INVALID).forEach(r -> invalid.put(r.name(), r.errorRules()));
        return invalid;
    }

    /**
     * Asserts that every file is conform or refused with a reason: none falsified, broken nor
     * invalid.
     *
     * @throws AssertionError listing every file that is not
     */
    public KitReport assertConformOrRefused() {
        return assertConformOrRefused(Map.of());
    }

    /**
     * Asserts that every file is conform or refused with a reason, but for the named files the
     * target's rules refuse: each of those must be invalid by exactly the rule ids given, and by no
     * other; no file may be falsified or broken.
     *
     * @param refusedByRules file name to the ids of the rules that refuse it
     * @throws AssertionError listing every file that is not as expected
     */
    public KitReport assertConformOrRefused(Map<String, Set<String>> refusedByRules) {
        List<String> problems = new ArrayList<>();
        for (FileResult result : results) {
            Set<String> expected = refusedByRules.get(result.name());
            if (expected != null) {
                if (result.outcome() != Outcome.INVALID
                        || !result.errorRules().equals(new TreeSet<>(expected))) {
                    problems.add(result + ", expected INVALID by " + new TreeSet<>(expected));
                }
            } else if (result.outcome().failed()
                    || result.outcome() == Outcome.REFUSED && result.reason().isBlank()) {
                problems.add(result.toString());
            }
        }
        for (String name : refusedByRules.keySet()) {
            if (results.stream().noneMatch(r -> r.name().equals(name))) {
                problems.add(name + ": named as refused by the rules, but not in the corpus");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    problems.size()
                            + " file(s) not conform for "
                            + target
                            + ":\n  "
                            + String.join("\n  ", problems)
                            + "\n"
                            + summary());
        }
        return this;
    }

    /** Counts per outcome, for logs and test messages. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(results.size())
                .append(" files checked, ")
                .append(ignored.size())
                .append(" ignored:");
        for (Outcome outcome : Outcome.values()) {
            text.append(' ').append(outcome).append('=').append(count(outcome));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(summary());
        results.forEach(r -> text.append("\n  ").append(r));
        return text.toString();
    }
}
