package io.facteur.format.mustang.internal;

/** Recognises a PDF by its first bytes ({@code %PDF-}), whatever its file name or media type. */
final class PdfMagic {

    private static final byte[] MAGIC = {'%', 'P', 'D', 'F', '-'};

    private PdfMagic() {}

    static boolean isPdf(byte[] content) {
        if (content.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (content[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
