package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.Document;
import io.facteur.api.invoice.Invoice;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * The mail of one delivery: subject and text in the customer's language, every document attached
 * under a safe file name, the dossier's identity, the envelope sender for bounces and a Message-ID
 * of our own.
 */
final class InvoiceMail {
    /** Longest attachment file name. */
    static final int MAX_FILE_NAME = 100;

    private InvoiceMail() {}

    static SMTPMessage compose(
            Session session,
            Delivery delivery,
            SenderIdentity identity,
            List<InternetAddress> to,
            String envelopeSender,
            String messageId,
            MailTexts texts)
            throws MessagingException {
        SMTPMessage message = new IdentifiedMessage(session, messageId);
        message.setFrom(identity.from());
        if (identity.replyTo() != null) {
            message.setReplyTo(new Address[] {identity.replyTo()});
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(new Address[0]));
        if (envelopeSender != null) {
            message.setEnvelopeFrom(envelopeSender);
        }
        Invoice invoice = delivery.invoice();
        String kind = invoice.isCreditNote() ? "creditNote" : "invoice";
        String number = HeaderValues.clean(invoice.number(), 100);
        String seller = sellerName(delivery);
        String amount = amount(invoice, texts.locale());
        String due =
                invoice.dueDate() == null
                        ? null
                        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                .withLocale(texts.locale())
                                .format(invoice.dueDate());
        message.setSubject(
                texts.format("mail.subject." + kind, number, seller),
                StandardCharsets.UTF_8.name());
        String body =
                due == null || invoice.isCreditNote()
                        ? texts.format("mail.body." + kind, number, amount, "", seller)
                        : texts.format("mail.body.invoice.due", number, amount, due, seller);
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setDataHandler(
                new DataHandler(
                        new ByteArrayDataSource(
                                body.getBytes(StandardCharsets.UTF_8),
                                "text/plain; charset=UTF-8")));
        mixed.addBodyPart(text);
        int index = 1;
        for (Document document : delivery.documents()) {
            MimeBodyPart attachment = new MimeBodyPart();
            String type = mediaType(document.mediaType());
            attachment.setDataHandler(
                    new DataHandler(new ByteArrayDataSource(document.content(), type)));
            attachment.setDisposition(Part.ATTACHMENT);
            attachment.setFileName(fileName(document.fileName(), type, number, index++));
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    private static String sellerName(Delivery delivery) {
        String name = delivery.invoice().seller() == null ? "" : delivery.invoice().seller().name();
        if (name.isBlank()) {
            name = delivery.sender() == null ? "" : delivery.sender();
        }
        return HeaderValues.clean(name, HeaderValues.MAX_NAME);
    }

    /** The payable amount (BT-115) in the invoice's currency, as the customer writes numbers. */
    static String amount(Invoice invoice, Locale locale) {
        BigDecimal payable =
                invoice.totals() == null
                        ? null
                        : invoice.totals().payable() != null
                                ? invoice.totals().payable()
                                : invoice.totals().taxInclusive();
        if (payable == null) {
            return "";
        }
        String code = invoice.currency() == null ? "" : invoice.currency().strip();
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            Currency currency = Currency.getInstance(code);
            format.setCurrency(currency);
            int digits = Math.max(currency.getDefaultFractionDigits(), 0);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(Math.max(digits, payable.scale()));
            return format.format(payable);
        } catch (IllegalArgumentException unknownCurrency) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(2);
            format.setMaximumFractionDigits(Math.max(2, payable.scale()));
            return (format.format(payable) + " " + HeaderValues.clean(code, 3)).strip();
        }
    }

    /** The declared media type when it parses, else {@code application/octet-stream}. */
    static String mediaType(String declared) {
        if (declared == null || declared.length() > 200 || HeaderValues.hasControl(declared)) {
            return "application/octet-stream";
        }
        try {
            return new ContentType(declared).toString();
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    /**
     * The file name without any path, control or reserved characters, at most {@value
     * #MAX_FILE_NAME} characters with its extension kept; a name after the invoice number and the
     * media type when nothing is left.
     */
    static String fileName(String given, String mediaType, String number, int index) {
        String name = safe(given);
        if (name.isBlank()) {
            String base = safe(number);
            String type = mediaType.toLowerCase(Locale.ROOT);
            String ext =
                    type.startsWith("application/pdf")
                            ? ".pdf"
                            : type.contains("xml") ? ".xml" : type.contains("zip") ? ".zip" : "";
            name = (base.isBlank() ? "document" : base) + "-" + index + ext;
        }
        if (name.length() > MAX_FILE_NAME) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, MAX_FILE_NAME - ext.length()) + ext;
        }
        return name;
    }

    private static String safe(String given) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean reserved = "<>:\"|?*;=%".indexOf(c) >= 0 || HeaderValues.hasControl("" + c);
            b.append(reserved ? '_' : c);
        }
        name = b.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        return name;
    }

    /** A message that keeps the Message-ID it was given instead of making one up on save. */
    private static final class IdentifiedMessage extends SMTPMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
