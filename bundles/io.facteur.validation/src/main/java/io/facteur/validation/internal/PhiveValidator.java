package io.facteur.validation.internal;

import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import io.facteur.api.Document;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.api.Validator;
import io.facteur.api.invoice.Invoice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * A {@link Validator} that applies one phive rule set, chosen from the document's own root element
 * and BT-24, to the invoice XML of the original bytes. A document that holds no parsable invoice
 * XML gets a report with one error, never an exception.
 */
abstract class PhiveValidator implements Validator {

    /** Rule id of the finding given when the document holds no invoice XML these rules can read. */
    static final String UNREADABLE_RULE = "FACTEUR-XML";

    private final Logger logger = LoggerFactory.getLogger(getClass());
    private final RuleLibrary library;
    private final InvoiceXml xml = new InvoiceXml();

    PhiveValidator(RuleLibrary library) {
        this.library = library;
    }

    /** The name of the rules in reports when no rule set could be chosen, such as EN16931. */
    protected abstract String family();

    /** The rule set for this document, empty when these rules do not cover it. */
    abstract Optional<RuleSet> ruleSetFor(XmlSyntax syntax, String bt24);

    /**
     * Whether the findings of the layer with this rule resource path belong to this report; all of
     * them unless a subclass leaves some to another validator.
     */
    boolean reportsLayer(String rulePath) {
        return true;
    }

    /**
     * The findings of this report from phive's results on the source; by default those of every
     * layer {@link #reportsLayer} accepts. Runs with the bundle's class loader as TCCL.
     */
    List<Finding> findings(
            RuleSet ruleSet, ValidationResultList results, IValidationSourceXML source) {
        return Findings.of(results, this::reportsLayer);
    }

    @Override
    public ValidationReport validate(Document original, Invoice invoice) {
        org.w3c.dom.Document dom;
        try {
            dom = xml.read(original);
        } catch (InvoiceXmlException e) {
            logger.debug("{} refused by {}: {}", original.fileName(), family(), e.getMessage());
            return refusal(e.getMessage());
        }
        Element root = dom.getDocumentElement();
        XmlSyntax syntax = XmlSyntax.of(root);
        Optional<RuleSet> ruleSet = ruleSetFor(syntax, XmlSyntax.bt24(root));
        if (ruleSet.isEmpty()) {
            return refusal(
                    "The "
                            + family()
                            + " rules do not cover this document (root element "
                            + root.getLocalName()
                            + " in namespace "
                            + root.getNamespaceURI()
                            + ")");
        }
        return library.withBundleLoader(() -> run(ruleSet.get(), dom, original.fileName()));
    }

    private ValidationReport run(RuleSet ruleSet, org.w3c.dom.Document dom, String name) {
        IValidationExecutorSet<IValidationSourceXML> executors = library.executorSet(ruleSet.id());
        IValidationSourceXML source =
                ValidationSourceXML.create(name.isEmpty() ? "invoice.xml" : name, dom);
        ValidationResultList results =
                ValidationExecutionManager.executeValidation(
                        IValidityDeterminator.createDefault(), executors, source, Locale.ENGLISH);
        List<Finding> findings = findings(ruleSet, results, source);
        logger.debug("{}: {} findings under {}", name, findings.size(), ruleSet.label());
        return new ValidationReport(ruleSet.label(), findings);
    }

    private ValidationReport refusal(String reason) {
        return new ValidationReport(
                family(), List.of(new Finding(UNREADABLE_RULE, Severity.ERROR, "", reason)));
    }
}
