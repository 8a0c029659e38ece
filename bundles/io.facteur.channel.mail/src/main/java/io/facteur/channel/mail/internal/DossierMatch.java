package io.facteur.channel.mail.internal;

import io.facteur.channel.mail.internal.DossierImports.DossierImport;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the one dossier a mail is for: its token as a whole word of the subject or as the {@code
 * +token} of a recipient (To, Cc, Delivered-To, X-Original-To); else a trusted sender, which counts
 * only when the receiving server authenticated the From domain (unless that is switched off).
 */
final class DossierMatch {
    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To"};
    private static final int MAX_CANDIDATES = 200;

    private final SenderAuthentication authentication;
    private final boolean requireAuthentication;

    DossierMatch(SenderAuthentication authentication, boolean requireAuthentication) {
        this.authentication = authentication;
        this.requireAuthentication = requireAuthentication;
    }

    /**
     * The dossier of the mail.
     *
     * @throws RejectedMailException when none or several match
     */
    String dossierOf(MimeMessage message, List<DossierImport> dossiers)
            throws RejectedMailException, MessagingException {
        Set<String> candidates = tokenCandidates(message);
        Set<String> byToken = new LinkedHashSet<>();
        for (DossierImport d : dossiers) {
            for (String c : candidates) {
                if (ImportToken.matches(d.token(), c)) {
                    byToken.add(d.dossier());
                }
            }
        }
        if (byToken.size() == 1) {
            return byToken.iterator().next();
        }
        if (byToken.size() > 1) {
            throw new RejectedMailException(Reason.AMBIGUOUS, "tokens of " + byToken);
        }
        String from = sender(message);
        if (from == null) {
            throw new RejectedMailException(Reason.NO_DOSSIER, "no token, no sender");
        }
        String domain = from.substring(from.lastIndexOf('@') + 1);
        Set<String> trusting = new LinkedHashSet<>();
        for (DossierImport d : dossiers) {
            for (String t : d.trustedSenders()) {
                if (t.equals(from) || (t.startsWith("@") && t.substring(1).equals(domain))) {
                    trusting.add(d.dossier());
                }
            }
        }
        if (trusting.isEmpty()) {
            throw new RejectedMailException(Reason.NO_DOSSIER, "no token; sender " + from);
        }
        if (trusting.size() > 1) {
            throw new RejectedMailException(
                    Reason.AMBIGUOUS, "sender " + from + " trusted by " + trusting);
        }
        if (requireAuthentication
                && !authentication.passed(message.getHeader("Authentication-Results"), domain)) {
            throw new RejectedMailException(
                    Reason.SENDER_NOT_AUTHENTICATED,
                    "no SPF or DKIM pass for " + domain + " from the receiving server");
        }
        return trusting.iterator().next();
    }

    /** The single From address, lower case, or null. */
    static String sender(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(from[0], false);
            if (parsed.length != 1 || parsed[0].getAddress() == null) {
                return null;
            }
            String a = parsed[0].getAddress().strip().toLowerCase(Locale.ROOT);
            int at = a.lastIndexOf('@');
            return at > 0 && at < a.length() - 1 ? a : null;
        } catch (AddressException e) {
            return null;
        }
    }

    /** The subject's words and the {@code +tag}s of the recipients, lower case, bounded. */
    static Set<String> tokenCandidates(MimeMessage message) throws MessagingException {
        Set<String> out = new LinkedHashSet<>();
        String subject;
        try {
            subject = message.getSubject();
        } catch (MessagingException | RuntimeException e) {
            subject = message.getHeader("Subject", null);
        }
        if (subject != null) {
            for (String word : subject.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (word.length() >= ImportToken.MIN_LENGTH && out.size() < MAX_CANDIDATES) {
                    out.add(word);
                }
            }
        }
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String address : addresses(value)) {
                    int plus = address.indexOf('+');
                    int at = address.lastIndexOf('@');
                    if (plus >= 0 && at > plus && out.size() < MAX_CANDIDATES) {
                        out.add(address.substring(plus + 1, at).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.getAddress() != null) {
                    out.add(a.getAddress());
                }
            }
        } catch (AddressException e) {
            // Delivered-To and X-Original-To are bare addresses; take what looks like one
            for (String w : value.split("[\\s,<>]+")) {
                if (w.indexOf('@') > 0) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
