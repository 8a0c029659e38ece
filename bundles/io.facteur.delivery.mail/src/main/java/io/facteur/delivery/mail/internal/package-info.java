/** Delivery of invoices by e-mail (SMTP) and reading of their bounces (IMAP); never exported. */
package io.facteur.delivery.mail.internal;
