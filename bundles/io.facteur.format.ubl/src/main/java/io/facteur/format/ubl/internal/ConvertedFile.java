package io.facteur.format.ubl.internal;

import io.facteur.api.Document;
import io.facteur.api.UnreadableInvoiceException;

/** Rules shared by the XML writers of this bundle: the size they accept and the names they give. */
final class ConvertedFile {

    /** Larger invoice XML is refused: the converters hold the XML, its DOM and two models. */
    static final int MAX_XML_BYTES = 8 * 1024 * 1024;

    private ConvertedFile() {}

    static void checkSize(Document source) throws UnreadableInvoiceException {
        if (source.size() > MAX_XML_BYTES) {
            throw new UnreadableInvoiceException(
                    "This invoice XML is too large to be converted ("
                            + source.size() / (1024 * 1024)
                            + " MB, at most "
                            + MAX_XML_BYTES / (1024 * 1024)
                            + " MB)");
        }
        if (source.size() == 0) {
            throw new UnreadableInvoiceException("This invoice XML is empty");
        }
    }

    /** The source's name with its extension replaced: {@code a.xml} becomes {@code a.ubl.xml}. */
    static String name(Document source, String suffix) {
        String base = source.fileName().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        return (base.isBlank() ? "invoice" : base) + suffix;
    }
}
