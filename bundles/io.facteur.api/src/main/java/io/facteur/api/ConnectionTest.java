package io.facteur.api;

/**
 * The result of testing a connection before it is switched on.
 *
 * @param success whether the endpoint answered as expected
 * @param message what was found, for the admin
 */
public record ConnectionTest(boolean success, String message) {}
