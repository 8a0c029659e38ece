package io.facteur.adapter.de.internal;

import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared corpus, and what its files say, read without the project's readers. */
final class Corpus {

    private static final Pattern BUYER_REFERENCE =
            Pattern.compile("<([\\w.-]+:)?BuyerReference>\\s*[^<\\s]");

    private Corpus() {}

    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(SharedCorpus.folder(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Document document(Path file) {
        return new Document(
                file.getFileName().toString(),
                "application/xml",
                text(file).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the file declares a buyer reference (BT-10), by a regular expression. */
    static boolean hasBuyerReference(Path file) {
        return BUYER_REFERENCE.matcher(text(file)).find();
    }
}
