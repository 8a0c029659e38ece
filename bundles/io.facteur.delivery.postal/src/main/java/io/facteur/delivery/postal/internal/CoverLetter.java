package io.facteur.delivery.postal.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * What the address sheet says, in the delivery's language: the sender's letterhead and return line,
 * the recipient, the reference block (date, invoice number, amount) and a short cover text. Every
 * outside text is cleaned here; fitting it to the page is the {@link AddressSheet}'s.
 *
 * @param senderName the dossier as the customer knows it
 * @param senderAddress the sender's address on one line, may be empty
 * @param returnLine the return line above the recipient's address, empty when not printed
 * @param addressee the recipient
 * @param references label and value pairs of the reference block
 * @param subject the subject line
 * @param paragraphs the cover text: salutation, paragraphs, closing, the sender's name
 * @param footer the print job's reference at the foot of the sheet
 * @param legalLine the seller's VAT and registration ids, may be empty
 */
record CoverLetter(
        String senderName,
        String senderAddress,
        String returnLine,
        Addressee addressee,
        List<String[]> references,
        String subject,
        List<String> paragraphs,
        String footer,
        String legalLine) {

    private static final String SEPARATOR = " \u00b7 ";

    /**
     * The cover of this delivery.
     *
     * @param addressee the recipient, already checked
     * @param date the letter's date
     * @param invoicePages the number of invoice pages that follow
     * @param returnLine whether the return line is printed
     */
    static CoverLetter of(
            Delivery delivery,
            Addressee addressee,
            LetterLanguage language,
            LocalDate date,
            int invoicePages,
            boolean returnLine) {
        Messages texts = language.messages();
        Locale locale = language.locale();
        Invoice invoice = delivery.invoice();
        Party seller = invoice.seller();
        String senderName = AddressText.clean(delivery.sender());
        if (senderName.isEmpty() && seller != null) {
            senderName = AddressText.clean(seller.name());
        }
        String senderAddress = senderAddress(seller, addressee, locale);
        String back =
                returnLine && !senderName.isEmpty() && !senderAddress.isEmpty()
                        ? senderName + SEPARATOR + senderAddress
                        : "";
        String number = AddressText.clean(invoice.number(), 100);
        DateTimeFormatter dates =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        List<String[]> references = new ArrayList<>();
        references.add(new String[] {texts.format("info.date"), dates.format(date)});
        references.add(new String[] {texts.format("info.number"), number});
        references.add(
                new String[] {texts.format("info.issueDate"), dates.format(invoice.issueDate())});
        String buyerReference = AddressText.clean(invoice.buyerReference(), 100);
        if (!buyerReference.isEmpty()) {
            references.add(new String[] {texts.format("info.buyerReference"), buyerReference});
        }
        String amount = amount(invoice, locale);
        if (!amount.isEmpty()) {
            references.add(new String[] {texts.format("info.amount"), amount});
        }
        if (invoice.dueDate() != null && !invoice.isCreditNote()) {
            references.add(
                    new String[] {texts.format("info.dueDate"), dates.format(invoice.dueDate())});
        }
        String kind = invoice.isCreditNote() ? "creditNote" : "invoice";
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(texts.format("letter.salutation"));
        String enclosed =
                texts.format("letter.enclosed." + kind, number, dates.format(invoice.issueDate()));
        if (!amount.isEmpty()) {
            enclosed +=
                    " "
                            + (invoice.isCreditNote()
                                    ? texts.format("letter.amount.creditNote", amount)
                                    : invoice.dueDate() != null
                                            ? texts.format(
                                                    "letter.amount.due",
                                                    amount,
                                                    dates.format(invoice.dueDate()))
                                            : texts.format("letter.amount", amount));
        }
        paragraphs.add(enclosed);
        paragraphs.add(texts.format("letter.electronic"));
        paragraphs.add(texts.format("letter.closing"));
        paragraphs.add(senderName);
        return new CoverLetter(
                senderName,
                senderAddress,
                back,
                addressee,
                List.copyOf(references),
                texts.format("subject." + kind, number),
                List.copyOf(paragraphs),
                texts.format("footer", AddressText.clean(delivery.deliveryId(), 128), invoicePages),
                legalLine(seller, texts));
    }

    /** The seller's country, empty when unknown. */
    static String senderCountry(Invoice invoice) {
        Party seller = invoice.seller();
        if (seller == null || seller.address() == null) {
            return "";
        }
        return AddressText.clean(seller.address().countryCode(), 3).toUpperCase(Locale.ROOT);
    }

    private static String senderAddress(Party seller, Addressee addressee, Locale locale) {
        if (seller == null || seller.address() == null) {
            return "";
        }
        PostalAddress a = seller.address();
        String line1 = AddressText.clean(a.line1());
        String city = AddressText.clean(a.city());
        if (line1.isEmpty() || city.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(line1);
        String line2 = AddressText.clean(a.line2());
        if (!line2.isEmpty()) {
            parts.add(line2);
        }
        parts.add((AddressText.clean(a.postCode(), 20) + " " + city).strip());
        String country = AddressText.clean(a.countryCode(), 3).toUpperCase(Locale.ROOT);
        if (!country.isEmpty() && !country.equals(addressee.countryCode())) {
            parts.add(new Locale("", country).getDisplayCountry(locale).toUpperCase(locale));
        }
        return String.join(SEPARATOR, parts);
    }

    private static String amount(Invoice invoice, Locale locale) {
        DocumentTotals totals = invoice.totals();
        BigDecimal value =
                totals == null
                        ? null
                        : totals.payable() != null ? totals.payable() : totals.taxInclusive();
        if (value == null) {
            return "";
        }
        String code = AddressText.clean(invoice.currency(), 3).toUpperCase(Locale.ROOT);
        try {
            Currency currency = Currency.getInstance(code);
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(currency);
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(Math.max(digits, Math.min(4, value.scale())));
            return format.format(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(2);
            format.setMaximumFractionDigits(4);
            return (format.format(value) + " " + code).strip();
        }
    }

    private static String legalLine(Party seller, Messages texts) {
        if (seller == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String vat = AddressText.clean(seller.vatId(), 40);
        if (!vat.isEmpty()) {
            parts.add(texts.format("legal.vat", vat));
        }
        String registration = AddressText.clean(seller.legalRegistrationId(), 40);
        if (!registration.isEmpty()) {
            parts.add(texts.format("legal.registration", registration));
        }
        return String.join(SEPARATOR, parts);
    }
}
