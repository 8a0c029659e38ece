package io.facteur.api;

/**
 * A syntax and profile as detected in a document.
 *
 * @param syntax the syntax id, such as {@code factur-x}, {@code cii}, {@code ubl}
 * @param profile the specification identifier (BT-24) or profile name, empty when none is declared
 */
public record Syntax(String syntax, String profile) {
    public Syntax {
        profile = profile == null ? "" : profile;
    }
}
