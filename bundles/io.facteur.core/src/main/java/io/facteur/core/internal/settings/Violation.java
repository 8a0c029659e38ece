package io.facteur.core.internal.settings;

/**
 * Why one value is refused.
 *
 * @param attribute the attribute id
 * @param message what is wrong, for the admin
 */
public record Violation(String attribute, String message) {}
