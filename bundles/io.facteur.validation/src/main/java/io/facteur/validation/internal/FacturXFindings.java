package io.facteur.validation.internal;

import com.helger.diagnostics.error.IError;
import io.facteur.api.ValidationReport.Finding;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the findings of the Factur-X Schematron as the Factur-X specification names its rules. Its
 * assertion ids are serial numbers that change from one profile and version to the next ({@code
 * FX-SCH-A-000372} is PEPPOL-EN16931-R008 in BASIC, BR-FXEXT-CII-DT-097a in EXTENDED); the business
 * rule is the id its text starts with: {@code [BR-FX-EN-04]-An invoice ...} becomes rule {@code
 * BR-FX-EN-04}, the serial kept at the end of the message. The profile's structure reports
 * ("Element 'ram:X' is marked as not used in the given context.") carry no id at all: they get
 * {@value #NOT_IN_PROFILE_RULE}.
 */
final class FacturXFindings {

    /** Rule id of an element or attribute that the declared profile does not use. */
    static final String NOT_IN_PROFILE_RULE = "FX-NOT-IN-PROFILE";

    private static final Pattern BUSINESS_RULE =
            Pattern.compile("(?s)^\\[([A-Za-z][A-Za-z0-9.-]*)]\\s*-?\\s*(.*)$");

    private FacturXFindings() {}

    static Finding of(IError error) {
        Finding raw = Findings.finding(error);
        String serial = error.getErrorID();
        boolean hasSerial = serial != null && !serial.isBlank();
        String text = raw.message().strip();
        Matcher business = BUSINESS_RULE.matcher(text);
        if (business.matches()) {
            String message = business.group(2) + (hasSerial ? " (" + serial + ")" : "");
            return new Finding(business.group(1), raw.severity(), raw.location(), message);
        }
        return new Finding(
                hasSerial ? serial : NOT_IN_PROFILE_RULE, raw.severity(), raw.location(), text);
    }
}
