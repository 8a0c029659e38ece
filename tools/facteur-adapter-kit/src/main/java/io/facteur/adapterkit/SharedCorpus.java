package io.facteur.adapterkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared invoice corpus: the folder named by the system property {@value #PROPERTY}, or
 * else {@code shared/corpus} in the nearest folder above the working directory that has one (the
 * project's sibling {@code ../shared/corpus}).
 */
public final class SharedCorpus {

    /** System property naming the corpus folder. */
    public static final String PROPERTY = "facteur.corpus";

    private SharedCorpus() {}

    /** A sub-folder of the corpus, such as {@code cii} or {@code ubl}. */
    public static Path folder(String name) {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).resolve(name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(name);
            }
        }
        throw new IllegalStateException(
                "No shared/corpus above "
                        + Path.of("").toAbsolutePath()
                        + "; set -D"
                        + PROPERTY
                        + "=<folder>");
    }
}
