package io.facteur.format.mustang.internal;

import io.facteur.api.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared invoice corpus, found by walking up from the module to the project's sibling. */
final class Corpus {

    private static final Pattern ROOT = Pattern.compile("<(?:[\\w.-]+:)?([\\w.-]+)[\\s>/]");

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

    /**
     * The local name of the root element, found with a regular expression: an oracle independent of
     * the readers' detection, since a corpus folder does not always hold what its name says.
     */
    static String rootName(Document document) {
        String head =
                new String(
                        document.content(),
                        0,
                        Math.min(4096, document.size()),
                        StandardCharsets.UTF_8);
        Matcher root = ROOT.matcher(head);
        return root.find() ? root.group(1) : "";
    }

    static Document document(Path file) {
        try {
            return new Document(file.getFileName().toString(), null, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
