package io.facteur.invoicing.internal;

import java.time.LocalDate;

/**
 * A draft made final: its number, dates and language fixed, its totals computed. What the CII and
 * the PDF are written from.
 *
 * @param dossier the dossier id
 * @param number the invoice number (BT-1) from the dossier's sequence
 * @param issueDate the issue date (BT-2)
 * @param dueDate the due date (BT-9)
 * @param language the language of the PDF's labels (fr, en or de)
 * @param seller the dossier's seller profile at the moment of issuing
 * @param draft what the user wrote
 * @param totals what follows from it
 */
public record IssuedInvoice(
        String dossier,
        String number,
        LocalDate issueDate,
        LocalDate dueDate,
        String language,
        SellerProfile seller,
        Draft draft,
        Totals totals) {}
