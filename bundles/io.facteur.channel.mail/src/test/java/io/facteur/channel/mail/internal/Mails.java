package io.facteur.channel.mail.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real MIME mails built with Angus Mail, as mail clients write them. */
final class Mails {
    static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {}

    static MimeMessage mail(String from, String to, String subject, MimeBodyPart... parts)
            throws MessagingException {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text("Please find our invoice attached.\nBest regards"));
        for (MimeBodyPart p : parts) {
            mixed.addBodyPart(p);
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    static MimeBodyPart text(String body) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(body, "UTF-8");
        return p;
    }

    static MimeBodyPart attachment(byte[] bytes, String type, String name)
            throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        if (name != null) {
            p.setFileName(name);
        }
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        return p;
    }

    static MimeBodyPart pdf(String corpusPath) throws MessagingException {
        return attachment(
                Corpus.bytes(corpusPath),
                "application/pdf",
                corpusPath.substring(corpusPath.lastIndexOf('/') + 1));
    }

    static MimeBodyPart nested(String subtype, MimeBodyPart... parts) throws MessagingException {
        MimeMultipart mp = new MimeMultipart(subtype);
        for (MimeBodyPart p : parts) {
            mp.addBodyPart(p);
        }
        MimeBodyPart holder = new MimeBodyPart();
        holder.setContent(mp);
        return holder;
    }

    /** A mail as the bytes a server would store, read back so that it parses like received. */
    static MimeMessage reparse(MimeMessage m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    static MimeMessage raw(String text) throws MessagingException {
        return new MimeMessage(
                SESSION, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                z.write((byte[]) namesAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String encodedWord(String s) throws IOException {
        return MimeUtility.encodeText(s, "UTF-8", "B");
    }
}
