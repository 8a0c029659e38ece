package io.facteur.channel.mail.internal;

import io.facteur.api.Document;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the invoices of a mail: every part, in any nesting of multiparts and attached messages,
 * whose bytes are a PDF, an XML document or a ZIP of them. Bodies (text without a file name),
 * images and signatures are skipped unread.
 */
final class MailInvoices {
    private final Limits limits;
    private final ZipInvoices zips;

    MailInvoices(Limits limits) {
        this.limits = limits;
        this.zips = new ZipInvoices(limits);
    }

    /** The invoices, in the mail's order; empty when there is none. */
    List<Document> of(MimeMessage message) throws RejectedMailException {
        List<Document> out = new ArrayList<>();
        int[] parts = {0};
        try {
            walk(message, 0, parts, out);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new RejectedMailException(Reason.MALFORMED, String.valueOf(e.getMessage()));
        }
        return out;
    }

    private void walk(Part part, int depth, int[] parts, List<Document> out)
            throws MessagingException, IOException, RejectedMailException {
        if (++parts[0] > Limits.MAX_PARTS || depth > Limits.MAX_DEPTH) {
            throw new RejectedMailException(
                    Reason.MALFORMED, "more than " + Limits.MAX_PARTS + " parts or too deep");
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new RejectedMailException(Reason.MALFORMED, "unreadable " + type);
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, depth + 1, parts, out);
            }
            return;
        }
        if (type.equals("message/rfc822") && part.getContent() instanceof MimeMessage attached) {
            walk(attached, depth + 1, parts, out);
            return;
        }
        String name = fileName(part);
        if (skipped(type, name)) {
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = Bounded.read(in, limits.maxMessageBytes());
        }
        if (bytes == null) {
            throw new RejectedMailException(
                    Reason.TOO_LARGE, name + ": over " + limits.maxMessageBytes() + " bytes");
        }
        InvoiceKind kind = InvoiceKind.of(bytes);
        switch (kind) {
            case PDF, XML -> out.add(new Document(name, kind.mediaType(), bytes));
            case ZIP -> zips.read(bytes, name, out);
            default -> {
                // neither an invoice nor a ZIP: a logo, a calendar entry, a vCard
            }
        }
    }

    private static boolean skipped(String type, String name) {
        if (type.startsWith("text/") && name.isEmpty()) {
            return true; // the mail's body
        }
        return type.startsWith("image/")
                || type.startsWith("audio/")
                || type.startsWith("video/")
                || type.equals("application/pkcs7-signature")
                || type.equals("application/x-pkcs7-signature")
                || type.equals("application/pgp-signature");
    }

    private static String baseType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return "text/plain";
        }
        try {
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            // an odd Content-Type is no reason to lose an attachment: sniff its bytes
            return "application/octet-stream";
        }
    }

    /**
     * The part's file name: RFC 2231 parameters are decoded by Angus; RFC 2047 encoded words, which
     * many clients put in file names against the RFC, are decoded here (Angus does so only under a
     * JVM-wide system property).
     */
    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name != null && name.contains("=?")) {
                try {
                    name = MimeUtility.decodeText(name);
                } catch (UnsupportedEncodingException e) {
                    // an unknown charset: the encoded form is still a name
                }
            }
            return FileNames.lastSegment(name);
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }
}
