package io.facteur.invoicing.internal;

/**
 * Why a draft cannot be issued, pinned to the field the user has to change, so that the web page
 * shows the message next to it.
 *
 * @param field a JSON pointer into the REST body of the draft ({@code /lines/3/vatRate}, {@code
 *     /buyer/vatId}); {@code /seller/...} points into the dossier's seller profile
 * @param message what is wrong, in the user's language
 */
public record FieldProblem(String field, String message) {}
