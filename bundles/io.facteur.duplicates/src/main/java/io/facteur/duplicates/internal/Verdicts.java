package io.facteur.duplicates.internal;

import io.facteur.api.DuplicateCheck.DuplicateVerdict;
import io.facteur.api.DuplicateCheck.Field;
import io.facteur.api.DuplicateCheck.Match;
import io.facteur.api.DuplicateCheck.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules: an earlier document of the same seller, number and type is a DUPLICATE when its issue
 * date and payable amount are the same too, else SUSPECTED; one of the same seller, type and amount
 * under another number, issued within the window, is SUSPECTED.
 */
final class Verdicts {
    private final Messages messages;

    Verdicts(Messages messages) {
        this.messages = messages;
    }

    /** NONE, as the invoice cannot be compared (no seller, number or usable issue date). */
    DuplicateVerdict notComparable() {
        return new DuplicateVerdict(Outcome.NONE, List.of(), messages.format("notComparable"));
    }

    /**
     * The verdict on the rows the two lookups found.
     *
     * @param keys the checked invoice
     * @param sameNumber earlier rows of the same seller, number and type
     * @param sameAmount earlier rows of the same seller, type and amount, another number, within
     *     the window
     * @param limit most matches named
     */
    DuplicateVerdict judge(
            IndexKeys keys,
            List<DuplicateIndex.Row> sameNumber,
            List<DuplicateIndex.Row> sameAmount,
            int limit) {
        Map<String, Match> matches = new LinkedHashMap<>();
        for (DuplicateIndex.Row row : sameNumber) {
            List<Field> fields = new ArrayList<>(List.of(Field.SELLER, Field.NUMBER, Field.TYPE));
            boolean sameDate = row.issueDate().equals(keys.issueDate());
            boolean sameAmountToo = keys.sameAmount(row.payable(), row.currency());
            if (sameDate) {
                fields.add(Field.ISSUE_DATE);
            }
            if (sameAmountToo) {
                fields.add(Field.PAYABLE_AMOUNT);
            }
            Outcome outcome = sameDate && sameAmountToo ? Outcome.DUPLICATE : Outcome.SUSPECTED;
            matches.put(row.documentId(), new Match(row.documentId(), outcome, fields));
        }
        for (DuplicateIndex.Row row : sameAmount) {
            if (matches.containsKey(row.documentId())
                    || !keys.sameAmount(row.payable(), row.currency())) {
                continue;
            }
            List<Field> fields = new ArrayList<>(List.of(Field.SELLER, Field.TYPE));
            if (row.issueDate().equals(keys.issueDate())) {
                fields.add(Field.ISSUE_DATE);
            }
            fields.add(Field.PAYABLE_AMOUNT);
            matches.put(row.documentId(), new Match(row.documentId(), Outcome.SUSPECTED, fields));
        }
        if (matches.isEmpty()) {
            return new DuplicateVerdict(Outcome.NONE, List.of(), messages.format("none"));
        }
        // strongest first; within one outcome, the earliest checked first (insertion order)
        List<Match> ordered =
                matches.values().stream()
                        .sorted(Comparator.comparing(m -> m.outcome() != Outcome.DUPLICATE))
                        .limit(limit)
                        .toList();
        String reason = ordered.stream().map(this::describe).collect(Collectors.joining("; "));
        if (matches.size() > ordered.size()) {
            reason += " " + messages.format("more", matches.size() - ordered.size());
        }
        return new DuplicateVerdict(ordered.get(0).outcome(), ordered, reason);
    }

    private String describe(Match match) {
        String fields =
                match.fields().stream()
                        .map(f -> messages.format("field." + f.name()))
                        .collect(Collectors.joining(", "));
        return messages.format("match." + match.outcome().name(), match.documentId(), fields);
    }
}
