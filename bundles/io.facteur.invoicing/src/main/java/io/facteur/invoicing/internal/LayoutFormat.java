package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words, amounts and dates of one invoice in its language: labels from the {@code
 * InvoiceLabels} bundle, numbers and dates the way that language writes them.
 */
final class LayoutFormat {
    static final String BUNDLE = "io.facteur.invoicing.internal.InvoiceLabels";

    private final Locale locale;
    private final ResourceBundle labels;
    private final NumberFormat amount;
    private final NumberFormat price;
    private final NumberFormat quantity;
    private final NumberFormat percent;
    private final DateTimeFormatter date;

    LayoutFormat(String language, String currency) {
        this.locale = locale(language);
        this.labels = labels(locale);
        Currency unit = currency(currency);
        this.amount = NumberFormat.getCurrencyInstance(locale);
        amount.setCurrency(unit);
        // two decimals whatever the currency (also JPY): the amounts are rounded to two decimals
        // in the XML, and the page must show the same figures
        amount.setMinimumFractionDigits(2);
        amount.setMaximumFractionDigits(2);
        this.price = (NumberFormat) amount.clone();
        price.setMaximumFractionDigits(4);
        this.quantity = NumberFormat.getNumberInstance(locale);
        quantity.setMaximumFractionDigits(4);
        this.percent = NumberFormat.getNumberInstance(locale);
        percent.setMaximumFractionDigits(2);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    /** The locale of an invoice language: fr, en or de; English for anything else. */
    static Locale locale(String language) {
        String tag = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        return switch (tag) {
            case "fr" -> Locale.FRENCH;
            case "de" -> Locale.GERMAN;
            default -> Locale.ENGLISH;
        };
    }

    /** The labels of that locale, never falling back to the JVM's default locale. */
    static ResourceBundle labels(Locale locale) {
        return ResourceBundle.getBundle(
                BUNDLE,
                locale,
                LayoutFormat.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(code == null || code.isBlank() ? "EUR" : code.strip());
        } catch (IllegalArgumentException e) {
            return Currency.getInstance("EUR");
        }
    }

    Locale locale() {
        return locale;
    }

    String label(String key) {
        try {
            return labels.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** A label with its {0}, {1} ... replaced; no MessageFormat, which would group page numbers. */
    String label(String key, Object... values) {
        String text = label(key);
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    /** A label when the bundle has one for that key, else the fallback. */
    String labelOr(String key, String fallback) {
        return labels.containsKey(key) ? labels.getString(key) : fallback;
    }

    String amount(BigDecimal value) {
        return value == null ? "" : amount.format(value);
    }

    String price(BigDecimal value) {
        return value == null ? "" : price.format(value);
    }

    String quantity(BigDecimal value) {
        return value == null ? "" : quantity.format(value);
    }

    String rate(BigDecimal value) {
        return value == null ? "" : label("percent", percent.format(value));
    }

    String date(LocalDate value) {
        return value == null ? "" : date.format(value);
    }

    /** A UN/ECE Recommendation 20 unit the way people read it, or the code. */
    String unit(String code) {
        return labelOr("unit." + code, code);
    }

    String vatCategory(String code) {
        return labelOr("vat.category." + code, code);
    }

    String paymentMeans(String code) {
        return labelOr("payment.means." + code, code);
    }

    /** The country's name in the invoice's language. */
    String country(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(locale);
        return name.isBlank() ? code : name;
    }
}
