package io.facteur.format.ubl.internal;

import com.helger.diagnostics.error.IError;
import com.helger.diagnostics.error.list.ErrorList;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What phax's converters reported, as one English sentence for an invoice's timeline: errors refuse
 * the conversion, warnings and information do not.
 */
final class ConverterReport {

    private static final int MAX_ERRORS_SHOWN = 3;
    private static final int MAX_TEXT = 300;

    private ConverterReport() {}

    /** The errors of the list, the first few of them, joined; empty when there is none. */
    static String errors(ErrorList list) {
        var errors = list.getAllErrors();
        String shown =
                errors.stream()
                        .limit(MAX_ERRORS_SHOWN)
                        .map(ConverterReport::text)
                        .collect(Collectors.joining("; "));
        int more = errors.size() - MAX_ERRORS_SHOWN;
        return more > 0 ? shown + " (and " + more + " more)" : shown;
    }

    private static String text(IError error) {
        String text = String.valueOf(error.getErrorText(Locale.ENGLISH)).strip();
        String field = error.getErrorFieldName();
        String where = field == null || field.isEmpty() ? "" : " at " + field;
        String whole = text + where;
        return whole.length() > MAX_TEXT ? whole.substring(0, MAX_TEXT) + "…" : whole;
    }
}
