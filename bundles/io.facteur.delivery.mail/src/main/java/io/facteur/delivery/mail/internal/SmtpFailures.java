package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells a failed send that may succeed later (no connection, timeout, a 4xx reply) from one that
 * never will (credentials refused, a 5xx reply such as an unknown recipient).
 */
final class SmtpFailures {
    /** Longest server text kept in a reason. */
    private static final int MAX_REPLY = 300;

    private SmtpFailures() {}

    static DeliveryException classify(MessagingException failure, MailTexts texts) {
        if (failure instanceof AuthenticationFailedException) {
            return new DeliveryException(texts.format("error.authentication"), false, failure);
        }
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = next(t)) {
            int code = replyCode(t);
            if (code >= 400 && code < 600) {
                String reply = HeaderValues.clean(t.getMessage(), MAX_REPLY);
                boolean permanent = code >= 500;
                String key =
                        t instanceof SMTPAddressFailedException
                                ? "error.recipientRefused"
                                : t instanceof SMTPSenderFailedException
                                        ? "error.senderRefused"
                                        : "error.serverRefused";
                return new DeliveryException(texts.format(key, code, reply), !permanent, failure);
            }
            if (t instanceof IOException) {
                return new DeliveryException(
                        texts.format("error.connection", HeaderValues.clean(t.toString(), 200)),
                        true,
                        failure);
            }
        }
        if (failure instanceof SendFailedException sendFailed
                && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0) {
            return new DeliveryException(
                    texts.format(
                            "error.recipientRefused",
                            0,
                            HeaderValues.clean(failure.getMessage(), MAX_REPLY)),
                    false,
                    failure);
        }
        return new DeliveryException(
                texts.format("error.unexpected", HeaderValues.clean(failure.toString(), MAX_REPLY)),
                true,
                failure);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause();
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }
}
