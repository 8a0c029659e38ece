package io.facteur.channel.mail.internal;

/** Why a mail was rejected; each has a text in fr/en/de ({@code texts.properties}). */
enum Reason {
    /** No token and no trusted sender named a dossier. */
    NO_DOSSIER,
    /** The sender is trusted by a dossier, but the receiving server did not authenticate it. */
    SENDER_NOT_AUTHENTICATED,
    /** Tokens or trusted senders of several dossiers matched. */
    AMBIGUOUS,
    /** No part of the mail is a PDF, an XML invoice or a ZIP of them. */
    NO_INVOICE,
    /** The mail is over the size limit. */
    TOO_LARGE,
    /** The MIME structure cannot be read. */
    MALFORMED,
    /** A ZIP is over a limit (entries, size, compression ratio, nesting) or unreadable. */
    ZIP_REFUSED,
    /** The core's inbox refused an invoice (unknown dossier, refused document). */
    REFUSED
}
