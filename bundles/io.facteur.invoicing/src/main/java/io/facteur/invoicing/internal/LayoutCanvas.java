package io.facteur.invoicing.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The pages being filled from top to bottom: a cursor that opens a new page, with its running
 * header, when the next block does not fit above the footer. Text given to it is already printable;
 * it draws opaque DeviceRGB only.
 */
final class LayoutCanvas implements AutoCloseable {
    private final PDDocument document;
    private final LayoutFonts fonts;
    private final float bottom;
    private Consumer<LayoutCanvas> pageHeader = canvas -> {};
    private PDPageContentStream content;
    private float y;

    LayoutCanvas(PDDocument document, LayoutFonts fonts, float bottom) {
        this.document = document;
        this.fonts = fonts;
        this.bottom = bottom;
        newPage();
    }

    /** What to draw at the top of every page that follows, e.g. the lines table's header. */
    void onNewPage(Consumer<LayoutCanvas> header) {
        this.pageHeader = header;
    }

    float bottom() {
        return bottom;
    }

    float y() {
        return y;
    }

    void moveTo(float newY) {
        this.y = newY;
    }

    void down(float height) {
        this.y -= height;
    }

    /** Whether a block of that height fits below the cursor on this page. */
    boolean fits(float height) {
        return y - height >= bottom;
    }

    /** Whether a block of that height fits on an empty page after its running header. */
    boolean fitsOnNewPage(float height) {
        return LayoutStyle.TOP - 46 - height >= bottom;
    }

    /** Starts a new page unless the height fits on this one. */
    void ensure(float height) {
        if (!fits(height)) {
            newPage();
        }
    }

    /** Starts a new page when the block does not fit here but would fit on an empty page. */
    void keep(float height) {
        if (!fits(height) && (fitsOnNewPage(height) || !fits(3 * LayoutStyle.BODY))) {
            newPage();
        }
    }

    void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(LayoutStyle.PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = LayoutStyle.TOP;
        if (document.getNumberOfPages() > 1) {
            pageHeader.accept(this);
        }
    }

    void text(PDFont font, float size, Color color, float x, float baseline, String printable) {
        if (printable.isEmpty()) {
            return;
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(color);
            content.newLineAtOffset(x, baseline);
            content.showText(printable);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text from the left edge, shortened with an ellipsis to the width. */
    void left(
            PDFont font,
            float size,
            Color color,
            float x,
            float baseline,
            String raw,
            float width) {
        text(font, size, color, x, baseline, fonts.shorten(font, size, raw, width));
    }

    /**
     * Text ending at the right edge, made smaller when wider than the box: an amount is never cut.
     */
    void right(
            PDFont font,
            float size,
            Color color,
            float right,
            float baseline,
            String raw,
            float width) {
        String printable = fonts.printable(font, raw);
        float actual = size;
        float w = fonts.width(font, size, printable);
        if (w > width && w > 0) {
            actual = size * width / w;
            w = width;
        }
        text(font, actual, color, right - w, baseline, printable);
    }

    void fill(Color color, float x, float lowerY, float width, float height) {
        try {
            content.setNonStrokingColor(color);
            content.addRect(x, lowerY, width, height);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void rule(Color color, float lineWidth, float x1, float atY, float x2) {
        try {
            content.setStrokingColor(color);
            content.setLineWidth(lineWidth);
            content.moveTo(x1, atY);
            content.lineTo(x2, atY);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(PDImageXObject image, float x, float lowerY, float width, float height) {
        try {
            content.drawImage(image, x, lowerY, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
