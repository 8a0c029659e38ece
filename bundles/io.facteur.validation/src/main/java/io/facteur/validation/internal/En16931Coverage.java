package io.facteur.validation.internal;

import com.helger.diagnostics.error.IError;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.xml.source.IValidationSourceXML;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code validation.en16931} already reports on an invoice, so that another report can leave
 * it out: the rules of CEN's Schematron, by id and severity, and the complaints of the CII D16B XML
 * Schema.
 */
final class En16931Coverage {

    /** What follows the complaint itself: the lists of what each schema expected instead. */
    private static final Pattern SCHEMA_EXPECTATIONS =
            Pattern.compile("(?s)(\\. One of '\\{.*|,? with respect to enumeration .*)$");

    private final RuleLibrary library;

    En16931Coverage(RuleLibrary library) {
        this.library = library;
    }

    /**
     * Whether the EN 16931 report gives this Schematron finding already: CEN's rules have an
     * assertion of that id, at least as severe (CEN warns of CII-SR-465, Factur-X forbids it).
     */
    boolean reports(Finding finding) {
        return reports(finding, En16931Validator.CII_RULES);
    }

    /** The same for the CEN rules of another syntax, such as UBL Invoice. */
    boolean reports(Finding finding, DVRCoordinate cenRules) {
        Severity cen = library.ruleIds(cenRules).get(finding.rule());
        return cen != null && cen.compareTo(finding.severity()) <= 0;
    }

    /**
     * The schema findings less those that the CII D16B schema gives as well: the same complaint
     * about the same element or value, whatever each schema would have expected instead. Runs the
     * CEN set's XML Schema layer alone, and only when there is something to compare.
     */
    List<Finding> withoutSchemaDuplicates(List<Finding> schema, IValidationSourceXML source) {
        if (schema.isEmpty()) {
            return schema;
        }
        Map<String, Integer> cen = new HashMap<>();
        for (IError error : cenSchemaErrors(source)) {
            cen.merge(complaint(Findings.finding(error).message()), 1, Integer::sum);
        }
        List<Finding> own = new ArrayList<>();
        for (Finding finding : schema) {
            String complaint = complaint(finding.message());
            if (cen.getOrDefault(complaint, 0) > 0) {
                cen.merge(complaint, -1, Integer::sum);
            } else {
                own.add(finding);
            }
        }
        return own;
    }

    private Iterable<IError> cenSchemaErrors(IValidationSourceXML source) {
        for (IValidationExecutor<IValidationSourceXML> executor :
                library.registered(En16931Validator.CII_RULES).getAllExecutors()) {
            if (executor.getValidationArtefact().getValidationType().getBaseType()
                    == EValidationBaseType.XSD) {
                ValidationResult result =
                        executor.applyValidation(
                                source, IValidityDeterminator.createDefault(), Locale.ENGLISH);
                return result.getErrorList();
            }
        }
        return List.of();
    }

    static String complaint(String schemaMessage) {
        return SCHEMA_EXPECTATIONS.matcher(schemaMessage.strip()).replaceFirst("");
    }
}
