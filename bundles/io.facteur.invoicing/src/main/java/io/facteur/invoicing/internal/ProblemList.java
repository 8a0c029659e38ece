package io.facteur.invoicing.internal;

import java.util.ArrayList;
import java.util.List;

/** The problems a check finds, their messages taken from the {@code Checks} texts. */
final class ProblemList {

    private final LocalizedTexts texts;
    private final List<FieldProblem> problems = new ArrayList<>();

    ProblemList(LocalizedTexts texts) {
        this.texts = texts;
    }

    void add(String field, String key, Object... arguments) {
        problems.add(new FieldProblem(field, texts.text(key, arguments)));
    }

    int size() {
        return problems.size();
    }

    List<FieldProblem> list() {
        return List.copyOf(problems);
    }
}
