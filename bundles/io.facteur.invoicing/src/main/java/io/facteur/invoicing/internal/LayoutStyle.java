package io.facteur.invoicing.internal;

import java.awt.Color;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The measures and colours of the invoice's pages, in one place so that every block lines up with
 * the others. Colours are plain DeviceRGB, which the sRGB output intent of PDF/A covers.
 */
final class LayoutStyle {
    static final float MM = 72f / 25.4f;
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float MARGIN = 20 * MM;
    static final float LEFT = MARGIN;
    static final float RIGHT = PAGE.getWidth() - MARGIN;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = PAGE.getHeight() - MARGIN;
    static final float BOTTOM = 14 * MM;

    static final Color TEXT = new Color(33, 37, 41);
    static final Color MUTED = new Color(108, 117, 125);
    static final Color ACCENT = new Color(28, 63, 112);
    static final Color RULE = new Color(206, 212, 218);
    static final Color BAND = new Color(236, 240, 245);

    static final float BODY = 8.5f;
    static final float SMALL = 7f;
    static final float LEADING = 1.25f;

    private LayoutStyle() {}
}
