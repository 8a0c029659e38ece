package io.facteur.validation.internal;

import io.facteur.api.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared invoice corpus, found by walking up from the module to the project's sibling. */
final class Corpus {

    private Corpus() {}

    static Path folder(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(name);
            }
        }
        throw new IllegalStateException(
                "shared/corpus not found above " + Path.of("").toAbsolutePath());
    }

    static List<Path> files(String name) {
        try (Stream<Path> files = Files.list(folder(name))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document document(Path file) {
        try {
            return new Document(file.getFileName().toString(), null, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document document(String folder, String name) {
        return document(folder(folder).resolve(name));
    }
}
