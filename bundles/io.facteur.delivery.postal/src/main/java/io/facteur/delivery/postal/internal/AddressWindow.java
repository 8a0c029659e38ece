package io.facteur.delivery.postal.internal;

import java.util.Locale;

/**
 * Where the envelope's window shows the address sheet, in millimetres from the sheet's top left
 * corner: the return line sits just above {@code addressOffsetMm} from the window's top, the
 * recipient's lines below it, indented by {@link #TEXT_INSET_MM}.
 *
 * @param name the preset's name, or {@code CUSTOM}
 * @param leftMm the window's left edge from the sheet's left edge
 * @param topMm the window's top edge from the sheet's top edge
 * @param widthMm the window's width
 * @param heightMm the window's height
 * @param addressOffsetMm from the window's top to the first line of the recipient's address
 */
record AddressWindow(
        String name,
        double leftMm,
        double topMm,
        double widthMm,
        double heightMm,
        double addressOffsetMm) {

    /** A4 portrait. */
    static final double SHEET_WIDTH_MM = 210;

    static final double SHEET_HEIGHT_MM = 297;

    /** DIN 5008 writes the address 5 mm right of the address field's edge (20 mm, text at 25). */
    static final double TEXT_INSET_MM = 5;

    /** Six lines of 12 pt: the most an address takes (DIN 5008's Anschriftzone is 27.3 mm). */
    static final double ADDRESS_ZONE_MM = 6 * 12 * 25.4 / 72;

    /** Edges a printer cannot print on. */
    static final double MARGIN_MM = 5;

    /**
     * DIN 5008 form B: address field 85 x 45 mm, 20 mm from the left and 45 mm from the top edge;
     * its upper 17.7 mm hold the return line and postal notes, the lower 27.3 mm the address (the
     * window of a DL or C5/6 envelope after DIN 680).
     */
    static final AddressWindow LEFT_DIN_5008_B =
            new AddressWindow("LEFT_DIN_5008_B", 20, 45, 85, 45, 17.7);

    /** DIN 5008 form A: as form B, 27 mm from the top edge (letterheads with a short head). */
    static final AddressWindow LEFT_DIN_5008_A =
            new AddressWindow("LEFT_DIN_5008_A", 20, 27, 85, 45, 17.7);

    /**
     * The French DL envelope (110 x 220 mm, window 45 x 100 mm 20 mm from the right and 15 mm from
     * the bottom edge), sheet folded in three: an address frame 85 mm wide 105 mm from the left
     * (text at 110 mm) and 50 mm from the top, the address from 55 mm, as French print services ask
     * for.
     */
    static final AddressWindow RIGHT_FR_DL = new AddressWindow("RIGHT_FR_DL", 105, 50, 85, 35, 5);

    AddressWindow {
        name = name == null ? "CUSTOM" : name;
        check(leftMm >= MARGIN_MM, "left edge below %s mm", MARGIN_MM);
        check(topMm >= MARGIN_MM, "top edge below %s mm", MARGIN_MM);
        check(widthMm >= 50, "narrower than 50 mm");
        check(leftMm + widthMm <= SHEET_WIDTH_MM - MARGIN_MM, "past the right edge of A4");
        check(topMm + heightMm <= SHEET_HEIGHT_MM / 2, "past the middle of the sheet");
        check(addressOffsetMm >= 4, "no room for the return line above the address (4 mm)");
        check(
                heightMm - addressOffsetMm >= ADDRESS_ZONE_MM - 0.01,
                "less than %.1f mm below the return line for six address lines",
                ADDRESS_ZONE_MM);
    }

    /** The preset of this name, or the custom window. */
    static AddressWindow of(
            String preset,
            double left,
            double top,
            double width,
            double height,
            double addressOffset) {
        String key = preset == null ? "" : preset.trim().toUpperCase(Locale.ROOT);
        return switch (key) {
            case "", "LEFT_DIN_5008_B" -> LEFT_DIN_5008_B;
            case "LEFT_DIN_5008_A" -> LEFT_DIN_5008_A;
            case "RIGHT_FR_DL" -> RIGHT_FR_DL;
            case "CUSTOM" -> new AddressWindow("CUSTOM", left, top, width, height, addressOffset);
            default -> throw new IllegalArgumentException("unknown window preset " + preset);
        };
    }

    /** True when the window is on the left half: the reference block then goes to the right. */
    boolean onTheLeft() {
        return leftMm + widthMm / 2 < SHEET_WIDTH_MM / 2;
    }

    /** Top edge of the recipient's first line. */
    double addressTopMm() {
        return topMm + addressOffsetMm;
    }

    /** Width left for text inside the window. */
    double textWidthMm() {
        return widthMm - TEXT_INSET_MM - 1;
    }

    private static void check(boolean ok, String problem, Object... arguments) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "address window: " + String.format(Locale.ROOT, problem, arguments));
        }
    }
}
