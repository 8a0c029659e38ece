/** Import of invoices by e-mail from an IMAP mailbox; never exported. */
package io.facteur.channel.mail.internal;
