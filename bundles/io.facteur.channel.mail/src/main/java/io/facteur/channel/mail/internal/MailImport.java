package io.facteur.channel.mail.internal;

import io.facteur.api.Document;
import io.facteur.api.Inbox;
import io.facteur.api.InboxException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

/**
 * Imports one mail, in the order that survives a crash at any point: read (bounded), find the
 * dossier, hand every invoice to the {@link Inbox} (durable when it returns), record the Message-ID
 * as imported; only then may the caller move the mail. A rerun after a crash finds the Message-ID
 * recorded, or hands the same bytes again, which the inbox knows.
 */
final class MailImport {
    /** The capability id, shown on the invoice's timeline as the channel. */
    static final String CHANNEL = "channel.mail";

    /** Characters of the timeline's source detail. */
    static final int DETAIL_CHARS = 255;

    /** What became of a mail; the caller moves it to Processed or Rejected. */
    enum Outcome {
        IMPORTED,
        ALREADY_IMPORTED,
        REJECTED
    }

    /**
     * The result of one mail.
     *
     * @param dossier the dossier, null when none matched
     * @param invoices how many invoices went to the inbox
     */
    record Result(Outcome outcome, String dossier, int invoices, Reason reason) {}

    private final Session session;
    private final Limits limits;
    private final MailInvoices invoices;
    private final DossierMatch match;
    private final DossierImports dossiers;
    private final MailLedger ledger;

    MailImport(
            Session session,
            Limits limits,
            DossierMatch match,
            DossierImports dossiers,
            MailLedger ledger) {
        this.session = session;
        this.limits = limits;
        this.invoices = new MailInvoices(limits);
        this.match = match;
        this.dossiers = dossiers;
        this.ledger = ledger;
    }

    /**
     * Imports the mail into the inbox, or records why not.
     *
     * @throws MessagingException when the mailbox failed: the mail stays where it is
     * @throws SQLException when the database failed: the mail stays where it is
     */
    Result handle(Message message, Inbox inbox)
            throws MessagingException, SQLException, IOException {
        if (message.getSize() > limits.maxMessageBytes()) {
            return reject(
                    message,
                    null,
                    Reason.TOO_LARGE,
                    message.getSize() + " bytes, limit " + limits.maxMessageBytes());
        }
        byte[] raw = read(message);
        if (raw == null) {
            return reject(
                    message, null, Reason.TOO_LARGE, "over " + limits.maxMessageBytes() + " bytes");
        }
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(raw));
        String key = key(mail);
        if (ledger.imported(key)) {
            return new Result(Outcome.ALREADY_IMPORTED, null, 0, null);
        }
        String dossier = null;
        try {
            dossier = match.dossierOf(mail, dossiers.all());
            List<Document> found = invoices.of(mail);
            if (found.isEmpty()) {
                throw new RejectedMailException(Reason.NO_INVOICE, "no PDF, XML or ZIP part");
            }
            Inbox.Source source = new Inbox.Source(CHANNEL, detail(mail));
            for (Document d : found) {
                try {
                    inbox.accept(dossier, d, source);
                } catch (InboxException e) {
                    throw new RejectedMailException(
                            Reason.REFUSED, d.fileName() + ": " + e.getMessage());
                }
            }
            ledger.recordImported(key, dossier, messageId(mail), found.size());
            return new Result(Outcome.IMPORTED, dossier, found.size(), null);
        } catch (RejectedMailException e) {
            return reject(mail, dossier, e.reason(), e.getMessage());
        }
    }

    private Result reject(Message mail, String dossier, Reason reason, String detail)
            throws MessagingException, SQLException {
        String sender = DossierMatch.sender((MimeMessage) mail);
        ledger.recordRejected(
                key((MimeMessage) mail),
                new MailLedger.Rejected(
                        0,
                        dossier,
                        sender == null ? "" : sender,
                        subject(mail),
                        messageId((MimeMessage) mail),
                        reason,
                        detail,
                        Instant.now()));
        return new Result(Outcome.REJECTED, dossier, 0, reason);
    }

    private byte[] read(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
        try {
            message.writeTo(new LimitedOutput(out, limits.maxMessageBytes()));
        } catch (LimitedOutput.Overflow e) {
            return null;
        }
        return out.toByteArray();
    }

    /** The Message-ID, or empty. */
    static String messageId(MimeMessage mail) throws MessagingException {
        String id = mail.getHeader("Message-ID", null);
        return id == null ? "" : Text.bound(id, 255);
    }

    private static String subject(Message mail) {
        try {
            return Text.bound(mail.getSubject(), 255);
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The key of a mail in the ledger: a hash of its Message-ID, or of its whole header block when
     * it has none (a resent copy then differs, as it should: nothing names it the same mail).
     */
    static String key(MimeMessage mail) throws MessagingException {
        String id = mail.getHeader("Message-ID", null);
        String basis;
        if (id != null && !id.isBlank()) {
            basis = "id:" + id.strip();
        } else {
            StringBuilder headers = new StringBuilder("headers:");
            for (Enumeration<String> e = mail.getAllHeaderLines(); e.hasMoreElements(); ) {
                headers.append(e.nextElement()).append('\n');
            }
            basis = headers.toString();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(basis.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The timeline's detail: sender, subject and Message-ID, within 255 characters. */
    static String detail(MimeMessage mail) throws MessagingException {
        String sender = DossierMatch.sender(mail);
        String from = Text.bound(sender == null ? "?" : sender, 80);
        String id = Text.bound(messageId(mail), 100);
        int room = DETAIL_CHARS - from.length() - id.length() - 6;
        String subject = Text.bound(subject(mail), Math.max(room, 1));
        return Text.bound(from + " \u00ab" + subject + "\u00bb " + id, DETAIL_CHARS);
    }
}
