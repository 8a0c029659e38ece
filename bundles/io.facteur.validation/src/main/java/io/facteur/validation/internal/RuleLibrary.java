package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.execute.IValidationExecutorCacheSupport;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.en16931.EN16931Validation;
import com.helger.phive.france.FranceCTCValidation;
import com.helger.phive.peppol.PeppolValidationBisEurope;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xrechnung.XRechnungValidation;
import com.helger.phive.zugferd.ZugferdValidation;
import io.facteur.api.ValidationReport.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phive rule sets of this bundle (EN 16931, XRechnung, Factur-X / ZUGFeRD, Peppol BIS, French
 * CTC), registered once and each compiled once, lazily on first use, then shared by every
 * validation on every thread.
 */
@Component(service = RuleLibrary.class)
public class RuleLibrary {

    private final Logger logger = LoggerFactory.getLogger(RuleLibrary.class);
    private final Object registryLock = new Object();
    private final Map<DVRCoordinate, IValidationExecutorSet<IValidationSourceXML>> prepared =
            new ConcurrentHashMap<>();
    private final Map<DVRCoordinate, Map<String, Severity>> ruleIds = new ConcurrentHashMap<>();
    private final AtomicInteger compilations = new AtomicInteger();
    private volatile ValidationExecutorSetRegistry<IValidationSourceXML> registry;

    /** The executor set of this id, its Schematron compiled on the first call only. */
    IValidationExecutorSet<IValidationSourceXML> executorSet(DVRCoordinate id) {
        return prepared.computeIfAbsent(id, key -> withBundleLoader(() -> compile(key)));
    }

    /**
     * The executor set of this id as registered, its Schematron not compiled by this call: for
     * reading its artefacts or running its XML Schema layer alone.
     */
    IValidationExecutorSet<IValidationSourceXML> registered(DVRCoordinate id) {
        IValidationExecutorSet<IValidationSourceXML> set = registry().getOfID(id);
        if (set == null) {
            throw new IllegalStateException("No phive rule set " + id.getAsSingleID());
        }
        return set;
    }

    /**
     * The rule ids the Schematron layers of this set can report, with their severity; read once
     * from the rule resources (about 0.2 s for CEN's CII rules), then shared.
     */
    Map<String, Severity> ruleIds(DVRCoordinate id) {
        return ruleIds.computeIfAbsent(id, key -> withBundleLoader(() -> readRuleIds(key)));
    }

    /** How many executor sets were compiled so far: once each, whatever the number of calls. */
    int compilations() {
        return compilations.get();
    }

    /**
     * Runs the work with this bundle's class loader as the thread context class loader: phive,
     * ph-commons and JAXB find their services and resources through it.
     */
    <T> T withBundleLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RuleLibrary.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Map<String, Severity> readRuleIds(DVRCoordinate id) {
        Map<String, Severity> ids = new HashMap<>();
        for (IValidationExecutor<IValidationSourceXML> executor :
                registered(id).getAllExecutors()) {
            var artefact = executor.getValidationArtefact();
            if (artefact.getValidationType().getBaseType() == EValidationBaseType.SCHEMATRON) {
                ids.putAll(SchematronRules.read(artefact.getRuleResource()));
            }
        }
        return Map.copyOf(ids);
    }

    private IValidationExecutorSet<IValidationSourceXML> compile(DVRCoordinate id) {
        IValidationExecutorSet<IValidationSourceXML> set = registered(id);
        long start = System.nanoTime();
        for (IValidationExecutor<IValidationSourceXML> executor : set.getAllExecutors()) {
            if (executor instanceof IValidationExecutorCacheSupport cached) {
                cached.setCacheArtefact(true);
                cached.ensureItemIsInCache();
            }
        }
        compilations.incrementAndGet();
        logger.info(
                "Rule set {} compiled in {} ms",
                id.getAsSingleID(),
                (System.nanoTime() - start) / 1_000_000);
        return set;
    }

    private ValidationExecutorSetRegistry<IValidationSourceXML> registry() {
        ValidationExecutorSetRegistry<IValidationSourceXML> current = registry;
        if (current == null) {
            synchronized (registryLock) {
                current = registry;
                if (current == null) {
                    current = new ValidationExecutorSetRegistry<>();
                    // the national sets build on the EN 16931 ones: these come first
                    EN16931Validation.initEN16931(current);
                    XRechnungValidation.initXRechnung(current);
                    ZugferdValidation.initZugferd(current);
                    PeppolValidationBisEurope.init(current);
                    FranceCTCValidation.initFranceCTC(current);
                    registry = current;
                }
            }
        }
        return current;
    }
}
