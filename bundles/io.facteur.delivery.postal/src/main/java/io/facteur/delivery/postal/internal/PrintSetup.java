package io.facteur.delivery.postal.internal;

import java.nio.file.Path;

/**
 * The platform's postal settings, checked once: a setting that cannot work (a relative folder, a
 * window off the sheet) stops the component from starting, so that deliveries wait for a fix
 * instead of failing one by one.
 *
 * @param dropFolder absolute folder the print service picks jobs up from
 * @param window where the envelope's window is
 * @param returnLine whether the sender's return line is printed above the address
 * @param duplex whether the print service prints on both sides
 * @param colour whether the print service prints in colour
 * @param maxInvoicePages most pages of an invoice that is printed
 * @param maxInvoiceBytes largest invoice PDF that is printed
 */
record PrintSetup(
        Path dropFolder,
        AddressWindow window,
        boolean returnLine,
        boolean duplex,
        boolean colour,
        int maxInvoicePages,
        long maxInvoiceBytes) {

    /** Where jobs go when no folder is set, under Karaf's data folder. */
    static final String DEFAULT_FOLDER = "facteur/print-outbox";

    private static final String KARAF_DATA = "${karaf.data}";

    PrintSetup {
        if (dropFolder == null || !dropFolder.isAbsolute()) {
            throw new IllegalArgumentException(
                    "the print drop folder must be an absolute path: " + dropFolder);
        }
        dropFolder = dropFolder.normalize();
        if (maxInvoicePages < 1 || maxInvoiceBytes < 1) {
            throw new IllegalArgumentException("the page and size limits must be positive");
        }
    }

    /**
     * The settings as configured.
     *
     * @param karafData Karaf's data folder ({@code karaf.data}), null outside Karaf
     */
    static PrintSetup of(PostalSettings settings, String karafData) {
        AddressWindow window =
                AddressWindow.of(
                        settings.window(),
                        settings.windowLeftMm(),
                        settings.windowTopMm(),
                        settings.windowWidthMm(),
                        settings.windowHeightMm(),
                        settings.addressOffsetMm());
        return new PrintSetup(
                folder(settings.dropFolder(), karafData),
                window,
                settings.returnLine(),
                settings.duplex(),
                settings.colour(),
                Math.min(200, Math.max(1, settings.maxInvoicePages())),
                Math.min(100, Math.max(1, settings.maxInvoiceMegabytes())) * 1024L * 1024L);
    }

    static Path folder(String configured, String karafData) {
        String value = configured == null ? "" : configured.trim();
        if (value.isEmpty() || value.startsWith(KARAF_DATA)) {
            if (karafData == null || karafData.isBlank()) {
                throw new IllegalArgumentException(
                        "no print drop folder set, and no karaf.data to put the default under");
            }
            String rest = value.isEmpty() ? DEFAULT_FOLDER : value.substring(KARAF_DATA.length());
            return Path.of(karafData).resolve(rest.replaceFirst("^[/\\\\]+", ""));
        }
        return Path.of(value);
    }
}
