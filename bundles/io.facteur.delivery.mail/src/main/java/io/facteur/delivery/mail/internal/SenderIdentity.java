package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who a mail is from, as the customer sees it: the dossier's From and Reply-To, or the platform's
 * sender address under the dossier's name. Checked at each send, since settings can be edited by
 * hand: an invalid value is a permanent failure with its reason, never a header of its own.
 *
 * @param from the From address with its display name
 * @param replyTo the Reply-To address, null when none
 */
record SenderIdentity(InternetAddress from, InternetAddress replyTo) {

    /**
     * The identity of one delivery.
     *
     * @param settings the dossier's {@link DossierMailSettings}, may be empty
     * @param platform the platform's settings (default sender)
     * @param dossierSender the dossier's name as its customers know it, may be empty
     */
    static SenderIdentity of(
            Map<String, Object> settings,
            MailSettings platform,
            String dossierSender,
            MailTexts texts)
            throws DeliveryException {
        String name = text(settings, DossierMailSettings.DISPLAY_NAME);
        String field = DossierMailSettings.DISPLAY_NAME;
        if (name.isBlank()) {
            name = dossierSender == null ? "" : dossierSender;
            field = "sender";
        }
        if (name.isBlank()) {
            name = platform.senderName() == null ? "" : platform.senderName();
            field = "senderName";
        }
        checkName(field, name, texts);

        String from = text(settings, DossierMailSettings.FROM_ADDRESS);
        String fromField = DossierMailSettings.FROM_ADDRESS;
        if (from.isBlank()) {
            from = platform.senderAddress() == null ? "" : platform.senderAddress();
            fromField = "senderAddress";
        }
        if (from.isBlank()) {
            throw new DeliveryException(texts.format("error.noSender"), false);
        }
        InternetAddress fromAddress = parse(fromField, from, texts);
        try {
            fromAddress =
                    name.isBlank()
                            ? fromAddress
                            : new InternetAddress(
                                    fromAddress.getAddress(),
                                    name.strip(),
                                    StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8", e);
        }
        String replyTo = text(settings, DossierMailSettings.REPLY_TO);
        InternetAddress replyToAddress =
                replyTo.isBlank() ? null : parse(DossierMailSettings.REPLY_TO, replyTo, texts);
        return new SenderIdentity(fromAddress, replyToAddress);
    }

    private static String text(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        return value == null ? "" : value.toString();
    }

    private static void checkName(String field, String name, MailTexts texts)
            throws DeliveryException {
        if (HeaderValues.hasControl(name)) {
            throw invalid(field, texts.format("error.controlCharacter"), texts);
        }
        if (name.length() > HeaderValues.MAX_NAME) {
            throw invalid(field, texts.format("error.tooLong", HeaderValues.MAX_NAME), texts);
        }
    }

    private static InternetAddress parse(String field, String value, MailTexts texts)
            throws DeliveryException {
        try {
            return HeaderValues.address(value);
        } catch (AddressException e) {
            String why =
                    HeaderValues.hasControl(value)
                            ? texts.format("error.controlCharacter")
                            : texts.format(
                                    "error.notAnAddress",
                                    HeaderValues.clean(value, HeaderValues.MAX_ADDRESS));
            throw invalid(field, why, texts);
        }
    }

    private static DeliveryException invalid(String field, String why, MailTexts texts) {
        return new DeliveryException(texts.format("error.settings", field, why), false);
    }
}
