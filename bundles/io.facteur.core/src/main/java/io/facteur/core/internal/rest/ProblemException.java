package io.facteur.core.internal.rest;

import java.util.List;

/** Thrown by resources to answer with a problem document. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemType type;
    private final transient List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }
}
