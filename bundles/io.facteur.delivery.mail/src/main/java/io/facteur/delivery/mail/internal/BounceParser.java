package io.facteur.delivery.mail.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bounce notice: an RFC 3464 delivery status notification ({@code multipart/report}) or one
 * of the common plain-text ones (qmail, Exim, Postfix without DSN) that quote the original headers.
 * Bounded: it reads at most a given number of bytes and parts of a message.
 */
final class BounceParser {
    /** Deepest nesting of multiparts looked into. */
    private static final int MAX_DEPTH = 5;

    /** Most parts looked at in one message. */
    private static final int MAX_PARTS = 50;

    /** Longest diagnostic kept. */
    private static final int MAX_DIAGNOSTIC = 300;

    private static final Pattern STATUS =
            Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\.?\\d)");
    private static final Pattern REPLY_CODE =
            Pattern.compile("(?m)(?:^|[\\s:])([45]\\d\\d)(?:[ -](?=[\\d<A-Za-z#])|$)");
    private static final Pattern OUR_MESSAGE_ID =
            Pattern.compile("<[A-Za-z0-9_-]{1,64}\\.[0-9a-f]{24}@[A-Za-z0-9.-]{1,253}>");
    private static final Pattern SUBJECT =
            Pattern.compile(
                    "(?i)undeliver|delivery (status|failure|notification)|failure notice"
                            + "|returned mail|non.?delivery|mail delivery|unzustellbar|non remis"
                            + "|delivery has failed|rejected");
    private static final List<String> FAILURE_WORDS =
            List.of(
                    "permanent error",
                    "permanent fatal error",
                    "permanent failure",
                    "failed permanently",
                    "could not be delivered",
                    "couldn't be delivered",
                    "wasn't able to deliver",
                    "was not able to deliver",
                    "unable to deliver",
                    "undeliverable",
                    "delivery has failed",
                    "i've given up",
                    "the following address(es) failed",
                    "user unknown",
                    "no such user",
                    "no mailbox here");

    /** The character references of an HTML notice that matter to its reading. */
    private static final Pattern HTML_ENTITY =
            Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos|nbsp);");

    private static final List<String> DELAY_WORDS =
            List.of(
                    "has not yet been delivered",
                    "hasn't been delivered yet",
                    "has been delayed",
                    "delivery will continue to be attempted",
                    "this is a warning message only",
                    "not been delivered yet",
                    "delivery has been delayed",
                    "delivery is delayed",
                    "no action is required",
                    "will continue trying",
                    "will retry",
                    "will be retried",
                    "still trying",
                    "warning: message");

    private final Verp verp;
    private final int maxBytes;

    /**
     * @param verp the bounce address's VERP form, null when the platform has none
     * @param maxBytes most bytes read from one message
     */
    BounceParser(Verp verp, int maxBytes) {
        this.verp = verp;
        this.maxBytes = maxBytes;
    }

    /**
     * What the message says as a bounce; empty when it is no bounce notice at all (an out-of-office
     * reply, a stray mail).
     */
    Optional<Bounce> parse(MimeMessage message) throws MessagingException, IOException {
        Texts texts = new Texts();
        walk(message, 0, texts);
        // the VERP address the notice was sent to, or that a relay noted in "for <...>"
        String envelope =
                headers(message, "To", "Delivered-To", "X-Original-To", "Envelope-To")
                        + headers(message, "Received");
        String quoted = texts.original + "\n" + texts.body;
        String deliveryId = null;
        if (verp != null) {
            deliveryId =
                    verp.deliveryIdIn(envelope).or(() -> verp.deliveryIdIn(quoted)).orElse(null);
        }
        String messageId =
                ourMessageId(texts.original).or(() -> ourMessageId(texts.body)).orElse(null);
        if (texts.dsn.length() > 0) {
            return Optional.of(fromDsn(texts.dsn.toString(), deliveryId, messageId));
        }
        String body = texts.body.toString();
        String subject = message.getSubject() == null ? "" : message.getSubject();
        String from = headers(message, "From").toLowerCase(Locale.ROOT);
        String lower = body.toLowerCase(Locale.ROOT);
        boolean failureWords = FAILURE_WORDS.stream().anyMatch(lower::contains);
        boolean delayWords = DELAY_WORDS.stream().anyMatch(lower::contains);
        boolean looksLikeBounce =
                failureWords
                        || delayWords
                        || SUBJECT.matcher(subject).find()
                        || from.contains("mailer-daemon")
                        || from.contains("postmaster")
                        || message.getHeader("X-Failed-Recipients") != null;
        if (!looksLikeBounce) {
            return Optional.empty();
        }
        String status = "";
        String diagnostic = "";
        Matcher m = STATUS.matcher(body);
        Matcher code = REPLY_CODE.matcher(body);
        boolean permanent;
        if (m.find()) {
            status = m.group(1);
            // "#550 5.1.1 ..." (Exchange, qmail): the reply code without its mark, as in a DSN
            diagnostic = lineAround(body, m.start()).replaceFirst("^#(?=[45]\\d\\d[ -])", "");
            permanent = status.startsWith("5");
        } else if (code.find()) {
            status = code.group(1);
            diagnostic = lineAround(body, code.start(1));
            permanent = status.startsWith("5");
        } else {
            diagnostic = firstFailureLine(body);
            permanent = failureWords;
        }
        if (delayWords && !failureWords) {
            permanent = false;
        }
        return Optional.of(new Bounce(deliveryId, messageId, status, diagnostic, permanent));
    }

    /**
     * The per-recipient fields of a delivery-status part: the first failed recipient wins, else the
     * first delayed one; the per-message fields (no action, no status) count as neither.
     */
    private static Bounce fromDsn(String dsn, String deliveryId, String messageId)
            throws MessagingException {
        Bounce delayed = null;
        for (String block : dsn.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (block.isBlank()) {
                continue;
            }
            InternetHeaders fields =
                    new InternetHeaders(
                            new ByteArrayInputStream(
                                    (block.strip() + "\n\n")
                                            .getBytes(StandardCharsets.ISO_8859_1)));
            String action = field(fields, "Action").toLowerCase(Locale.ROOT);
            String status = field(fields, "Status");
            Matcher s = STATUS.matcher(status);
            status = s.find() ? s.group(1) : status;
            String diagnostic = field(fields, "Diagnostic-Code");
            diagnostic = diagnostic.substring(diagnostic.indexOf(';') + 1).strip();
            if (diagnostic.isEmpty()) {
                diagnostic = field(fields, "Final-Recipient").replaceFirst("(?i)^rfc822;\\s*", "");
            }
            diagnostic = HeaderValues.clean(diagnostic, MAX_DIAGNOSTIC);
            if (action.startsWith("failed") || (action.isEmpty() && status.startsWith("5"))) {
                return new Bounce(deliveryId, messageId, status, diagnostic, true);
            }
            if (delayed == null && (action.startsWith("delayed") || status.startsWith("4"))) {
                delayed = new Bounce(deliveryId, messageId, status, diagnostic, false);
            }
        }
        return delayed != null ? delayed : new Bounce(deliveryId, messageId, "", "", false);
    }

    private static String field(InternetHeaders fields, String name) {
        String value = fields.getHeader(name, " ");
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static Optional<String> ourMessageId(CharSequence text) {
        Matcher m = OUR_MESSAGE_ID.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static String headers(MimeMessage message, String... names) throws MessagingException {
        StringBuilder b = new StringBuilder();
        Enumeration<Header> all = message.getMatchingHeaders(names);
        while (all.hasMoreElements()) {
            b.append(all.nextElement().getValue()).append('\n');
        }
        return b.toString();
    }

    private static String lineAround(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return HeaderValues.clean(line, MAX_DIAGNOSTIC);
    }

    private static String firstFailureLine(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String word : FAILURE_WORDS) {
            int i = lower.indexOf(word);
            if (i >= 0) {
                return lineAround(body, i);
            }
        }
        return "";
    }

    /** The texts gathered from the parts of one message. */
    private static final class Texts {
        final StringBuilder dsn = new StringBuilder();
        final StringBuilder original = new StringBuilder();
        final StringBuilder body = new StringBuilder();
        int parts;
        int bytes;
    }

    private void walk(MimePart part, int depth, Texts texts)
            throws MessagingException, IOException {
        if (++texts.parts > MAX_PARTS || depth > MAX_DEPTH || texts.bytes >= maxBytes) {
            return;
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child instanceof MimePart mimePart) {
                    walk(mimePart, depth + 1, texts);
                }
            }
        } else if (type.equals("message/delivery-status")
                || type.equals("message/global-delivery-status")) {
            texts.dsn.append(read(part, texts)).append("\n\n");
        } else if (type.equals("message/rfc822")
                || type.equals("text/rfc822-headers")
                || type.equals("message/rfc822-headers")
                || type.equals("message/global")
                || type.equals("message/global-headers")) {
            texts.original.append(read(part, texts)).append('\n');
        } else if (type.equals("text/plain") || type.isEmpty()) {
            texts.body.append(read(part, texts)).append('\n');
        } else if (type.equals("text/html") && texts.body.length() == 0) {
            texts.body.append(htmlText(read(part, texts))).append('\n');
        }
    }

    /**
     * The text of an HTML notice: without its tags, style sheets and scripts, its character
     * references decoded, so that the addresses and Message-IDs it quotes ({@code &lt;id@host&gt;},
     * {@code local&#43;id@domain}) read as in a plain-text notice. One pass, whatever the markup (a
     * regular expression over unclosed tags would take quadratic time on a hostile notice).
     */
    static String htmlText(String html) {
        char[] lower = html.toCharArray();
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] >= 'A' && lower[i] <= 'Z') {
                lower[i] += 'a' - 'A';
            }
        }
        String low = new String(lower);
        StringBuilder kept = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            int open = html.indexOf('<', i);
            if (open < 0) {
                kept.append(html, i, html.length());
                break;
            }
            kept.append(html, i, open).append(' ');
            String closing =
                    low.startsWith("<style", open)
                            ? "</style"
                            : low.startsWith("<script", open) ? "</script" : null;
            int end = closing == null ? open : low.indexOf(closing, open);
            end = end < 0 ? -1 : html.indexOf('>', end);
            if (end < 0) {
                break; // an unclosed tag, sheet or script: nothing readable after it
            }
            i = end + 1;
        }
        String text = kept.toString();
        Matcher m = HTML_ENTITY.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String decoded =
                    switch (name) {
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "amp" -> "&";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        case "nbsp" -> " ";
                        default -> {
                            int code =
                                    name.charAt(1) == 'x' || name.charAt(1) == 'X'
                                            ? Integer.parseInt(name.substring(2), 16)
                                            : Integer.parseInt(name.substring(1));
                            yield Character.isValidCodePoint(code) && code >= 0x20
                                    ? Character.toString(code)
                                    : " ";
                        }
                    };
            m.appendReplacement(b, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String baseType(Part part) throws MessagingException {
        String declared = part.getContentType();
        if (declared == null) {
            return "";
        }
        try {
            return new ContentType(declared).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "";
        }
    }

    private String read(MimePart part, Texts texts) throws MessagingException, IOException {
        Charset charset = StandardCharsets.ISO_8859_1;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.isSupported(name)) {
                charset = Charset.forName(name);
            }
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            // no usable charset: Latin-1 keeps every byte
        }
        try (InputStream in = new MimePartDataSource(part).getInputStream()) {
            byte[] bytes = in.readNBytes(Math.max(0, maxBytes - texts.bytes));
            texts.bytes += bytes.length;
            return new String(bytes, charset);
        }
    }
}
