package io.facteur.delivery.postal.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where print jobs are handed to the print service: a local folder now, an SFTP drop folder later.
 * A job is its PDF and its manifest; the manifest comes last, since the print service takes a job
 * when its manifest appears. Handing over the same job twice hands it over once.
 */
interface PrintDrop {

    /**
     * Hands the job over, or finds it handed over already.
     *
     * @throws IOException when the drop cannot take it now (a retry may succeed)
     * @throws Conflict when another job with this id was handed over
     */
    Outcome handOver(PrintJob job) throws IOException, Conflict;

    /** What a hand-over did. */
    enum Outcome {
        /** Written now. */
        HANDED_OVER,
        /** The same job (same PDF hash) was there already: nothing written. */
        ALREADY_THERE
    }

    /**
     * One print job.
     *
     * @param id the job's id, used in file names: {@code [A-Za-z0-9._-]}, no {@code ..}
     * @param pdf the print-ready PDF
     * @param sha256 the PDF's SHA-256, lower-case hex
     * @param manifest the manifest's fields, written as JSON
     */
    record PrintJob(String id, byte[] pdf, String sha256, Map<String, Object> manifest) {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

        public PrintJob {
            if (!isValidId(id)) {
                throw new IllegalArgumentException("not a print job id: " + id);
            }
            Objects.requireNonNull(pdf, "pdf");
            Objects.requireNonNull(sha256, "sha256");
            manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
        }

        /** True for an id that is safe as a file name in any drop. */
        static boolean isValidId(String id) {
            return id != null && ID.matcher(id).matches() && !id.contains("..");
        }
    }

    /** Another job was handed over under the same id. */
    final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }
}
