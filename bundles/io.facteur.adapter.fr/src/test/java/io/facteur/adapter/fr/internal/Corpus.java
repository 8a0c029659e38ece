package io.facteur.adapter.fr.internal;

import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus, and what its files say, read without the project's readers. */
final class Corpus {

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
        return document(file.getFileName().toString(), text(file));
    }

    static Document document(String name, String xml) {
        return new Document(name, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
