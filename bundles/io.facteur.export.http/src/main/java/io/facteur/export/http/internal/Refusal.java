package io.facteur.export.http.internal;

import java.util.List;

/**
 * A reason the connector cannot go on, as the key of its text and the text's arguments, so that
 * each caller words it in its own language. Arguments never hold a secret.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient List<Object> arguments;
    private final boolean transientFailure;

    Refusal(String key, boolean transientFailure, Throwable cause, Object... arguments) {
        super(key, cause, false, false);
        this.key = key;
        this.arguments = List.of(arguments);
        this.transientFailure = transientFailure;
    }

    /** A refusal that the same settings will meet again: bad settings, a refused address. */
    static Refusal permanent(String key, Object... arguments) {
        return new Refusal(key, false, null, arguments);
    }

    String key() {
        return key;
    }

    Object[] arguments() {
        return arguments.toArray();
    }

    /** Whether the same request may succeed later. */
    boolean transientFailure() {
        return transientFailure;
    }
}
