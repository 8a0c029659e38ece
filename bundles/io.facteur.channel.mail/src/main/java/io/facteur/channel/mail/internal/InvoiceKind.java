package io.facteur.channel.mail.internal;

import io.facteur.api.xml.XmlHead;
import java.util.Locale;

/** What a file is, from its first bytes only: the name and declared type are never trusted. */
enum InvoiceKind {
    PDF("application/pdf"),
    XML("application/xml"),
    ZIP("application/zip"),
    OTHER("application/octet-stream");

    private final String mediaType;

    InvoiceKind(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    static InvoiceKind of(byte[] b) {
        if (b.length >= 5
                && b[0] == '%'
                && b[1] == 'P'
                && b[2] == 'D'
                && b[3] == 'F'
                && b[4] == '-') {
            return PDF;
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return ZIP;
        }
        var head = XmlHead.read(b, null, "__none__");
        if (head.isPresent()) {
            String root = head.get().localName().toLowerCase(Locale.ROOT);
            // an HTML body or an SVG logo is well-formed XML, never an invoice
            if (!root.equals("html") && !root.equals("svg")) {
                return XML;
            }
        }
        return OTHER;
    }
}
