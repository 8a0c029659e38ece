package io.facteur.invoicing.internal;

import java.util.List;

/**
 * What the user has to correct before an action can be done (a draft to issue, a numbering
 * pattern), field by field, in the user's language: the web page shows each message next to its
 * field.
 */
public final class ProblemsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;

    public ProblemsException(List<FieldProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    /** The problems, at least one. */
    public List<FieldProblem> problems() {
        return problems;
    }
}
