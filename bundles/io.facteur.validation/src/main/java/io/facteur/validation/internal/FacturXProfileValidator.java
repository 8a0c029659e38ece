package io.facteur.validation.internal;

import com.helger.diagnostics.error.IError;
import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.xml.source.IValidationSourceXML;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Applies the rules of the Factur-X / ZUGFeRD profile that a CII invoice declares in BT-24
 * (MINIMUM, BASIC WL, BASIC, EN16931, EXTENDED; Factur-X 1.0 and ZUGFeRD 2.0 identifiers), in their
 * newest version: Factur-X 1.0.8 = ZUGFeRD 2.4, the profile's XML Schema and Schematron.
 *
 * <p>The profile's Schematron restates the EN 16931 rules (its text then starts with the CEN id,
 * {@code [BR-CO-10]}). For BASIC, EN16931 and EXTENDED, {@code validation.en16931} applies CEN's
 * own rules: this report leaves out every restated rule that CEN's set reports at least as
 * severely, and the profile schema's complaints that the CII schema makes too. What remains is what
 * the profile adds: elements it does not use or forbids, its cardinalities, code lists and the
 * Factur-X rules (BR-FX-*, BR-FXEXT-*). That is also why EN16931 documents are checked: the profile
 * is narrower than CEN's syntax binding, which only warns of elements outside EN 16931, and adds
 * BR-FX-EN-04. MINIMUM and BASIC WL are no complete invoices, EN 16931 does not check them: their
 * report keeps every finding.
 */
@Component(service = Validator.class)
@Capability(
        capability = "validation.facturx",
        kind = CapabilityKind.VALIDATOR,
        label = "Factur-X / ZUGFeRD profiles (FNFE-MPE / FeRD rules)")
public class FacturXProfileValidator extends PhiveValidator {

    private static final Set<String> SYNTAXES = Set.of("FACTUR_X", "CII");

    private final En16931Coverage en16931;

    /** Creates the validator on the bundle's shared rule library. */
    @Activate
    public FacturXProfileValidator(@Reference RuleLibrary library) {
        super(library);
        this.en16931 = new En16931Coverage(library);
    }

    @Override
    public boolean appliesTo(Syntax syntax) {
        return SYNTAXES.contains(syntax.syntax())
                && FacturXProfile.declaredBy(syntax.profile()).isPresent();
    }

    @Override
    protected String family() {
        return "Factur-X";
    }

    @Override
    Optional<RuleSet> ruleSetFor(XmlSyntax syntax, String bt24) {
        if (syntax != XmlSyntax.CII) {
            return Optional.empty();
        }
        return FacturXProfile.declaredBy(bt24).map(FacturXProfile::ruleSet);
    }

    @Override
    List<Finding> findings(
            RuleSet ruleSet, ValidationResultList results, IValidationSourceXML source) {
        boolean leaveToEn16931 =
                FacturXProfile.checkedBy(ruleSet.id())
                        .map(FacturXProfile::checkedByEn16931)
                        .orElse(false);
        List<Finding> findings = new ArrayList<>();
        for (ValidationResult result : results) {
            if (result.isSkipped()) {
                findings.add(Findings.skipped(result));
            } else if (isSchema(result)) {
                List<Finding> schema = new ArrayList<>();
                for (IError error : result.getErrorList()) {
                    schema.add(Findings.finding(error));
                }
                findings.addAll(
                        leaveToEn16931 ? en16931.withoutSchemaDuplicates(schema, source) : schema);
            } else {
                for (IError error : result.getErrorList()) {
                    Finding finding = FacturXFindings.of(error);
                    if (!leaveToEn16931 || !en16931.reports(finding)) {
                        findings.add(finding);
                    }
                }
            }
        }
        return findings;
    }

    private static boolean isSchema(ValidationResult result) {
        return result.getValidationArtefact().getValidationType().getBaseType()
                == EValidationBaseType.XSD;
    }
}
