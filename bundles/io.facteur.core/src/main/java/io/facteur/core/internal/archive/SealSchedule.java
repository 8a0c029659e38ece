package io.facteur.core.internal.archive;

import io.facteur.api.Archive;
import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.dossier.DossierService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every dossier's archive journal at a set interval (daily by default), on a thread of the
 * core's: the archive capability runs no thread of its own. An archive with nothing new to seal
 * says so and nothing is written.
 */
@Component(
        service = SealSchedule.class,
        configurationPid = SealConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SealConfig.class)
public class SealSchedule {
    private final Logger logger = LoggerFactory.getLogger(SealSchedule.class);
    private final DossierService dossiers;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "facteur-archive-seals"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Archive archive;

    @Activate
    public SealSchedule(@Reference DossierService dossiers, SealConfig config) {
        this.dossiers = dossiers;
        long hours = Math.max(1, config.intervalHours());
        timer.scheduleAtFixedRate(this::sealAll, hours, hours, TimeUnit.HOURS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Seals each dossier's new entries; returns how many seals were made. */
    int sealAll() {
        Archive current = archive;
        if (current == null) {
            return 0;
        }
        int sealed = 0;
        try {
            for (Dossier d : dossiers.list()) {
                try {
                    if (current.seal(d.id()).isPresent()) {
                        sealed++;
                    }
                } catch (RuntimeException e) {
                    logger.error("Sealing the archive of dossier {} failed", d.id(), e);
                }
            }
        } catch (java.sql.SQLException e) {
            logger.warn("Cannot list the dossiers to seal their archives: {}", e.getMessage());
        }
        if (sealed > 0) {
            logger.info("Archive journals sealed in {} dossier(s)", sealed);
        }
        return sealed;
    }
}
