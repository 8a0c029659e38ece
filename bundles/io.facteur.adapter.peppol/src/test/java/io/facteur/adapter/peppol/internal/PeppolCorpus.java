package io.facteur.adapter.peppol.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peppol-addressed copies of the XRechnung business cases: the shared corpus's sellers are reached
 * by e-mail (scheme {@code EM}), which Peppol does not route by; in a temporary folder, each
 * seller's e-mail address becomes a Belgian company number (scheme 0208, a valid check number).
 * Nothing else of the files changes; the buyer keeps its e-mail address.
 */
final class PeppolCorpus {

    /** The sellers' Peppol participant identifier in the copies. */
    static final String SELLER = "0208:0456789034";

    /** A buyer's Peppol participant identifier, as a customer directory gives it. */
    static final String BUYER = "0208:0123456749";

    private PeppolCorpus() {}

    /** Writes the copies into the folder and returns it. */
    static Path writeTo(Path folder) {
        try {
            for (String name : new String[] {"ubl", "cii"}) {
                for (Path file : Corpus.files(name)) {
                    if (file.getFileName()
                            .toString()
                            .matches("\\d\\d\\.\\d\\da-INVOICE_(ubl|uncefact)\\.xml")) {
                        Files.writeString(
                                folder.resolve(file.getFileName()),
                                Corpus.text(file)
                                        .replaceFirst(
                                                "schemeID=\"EM\">[^<]*<",
                                                "schemeID=\"0208\">0456789034<"));
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
