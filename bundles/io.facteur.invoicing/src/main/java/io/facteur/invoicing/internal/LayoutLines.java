package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.LayoutStyle.ACCENT;
import static io.facteur.invoicing.internal.LayoutStyle.BAND;
import static io.facteur.invoicing.internal.LayoutStyle.BODY;
import static io.facteur.invoicing.internal.LayoutStyle.LEFT;
import static io.facteur.invoicing.internal.LayoutStyle.MUTED;
import static io.facteur.invoicing.internal.LayoutStyle.RIGHT;
import static io.facteur.invoicing.internal.LayoutStyle.RULE;
import static io.facteur.invoicing.internal.LayoutStyle.SMALL;
import static io.facteur.invoicing.internal.LayoutStyle.TEXT;
import static io.facteur.invoicing.internal.LayoutStyle.TOP;
import static io.facteur.invoicing.internal.LayoutStyle.WIDTH;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines table: one row per line, the description wrapped in its column, the header drawn again
 * at the top of every page the table runs onto. A row starts on a new page rather than be split,
 * unless it is longer than a page.
 */
final class LayoutLines {
    private static final float PAD = 4;
    private static final float HEADER_HEIGHT = 18;
    private static final float LEADING = BODY * LayoutStyle.LEADING;
    private static final float SMALL_LEADING = SMALL * LayoutStyle.LEADING;
    private static final float QTY = 44;
    private static final float UNIT = 42;
    private static final float PRICE = 66;
    private static final float VAT = 38;
    private static final float ALLOWANCE = 58;
    private static final float NET = 70;

    private final IssuedInvoice invoice;
    private final LayoutFonts fonts;
    private final LayoutFormat format;
    private final boolean allowances;
    private final float description;

    LayoutLines(IssuedInvoice invoice, LayoutFonts fonts, LayoutFormat format) {
        this.invoice = invoice;
        this.fonts = fonts;
        this.format = format;
        this.allowances =
                invoice.draft().lines().stream()
                        .anyMatch(l -> l.allowance() != null && l.allowance().signum() != 0);
        this.description = WIDTH - QTY - UNIT - PRICE - VAT - NET - (allowances ? ALLOWANCE : 0);
    }

    /** The right edge of the VAT rate column, which the document allowances line up with. */
    float vatRight() {
        return RIGHT - NET - (allowances ? ALLOWANCE : 0) - PAD;
    }

    void draw(LayoutCanvas canvas) {
        canvas.ensure(HEADER_HEIGHT + 3 * LEADING);
        header(canvas);
        canvas.onNewPage(
                c -> {
                    runningHeader(c);
                    header(c);
                });
        List<DraftLine> lines = invoice.draft().lines();
        List<BigDecimal> nets = invoice.totals().lineNets();
        for (int i = 0; i < lines.size(); i++) {
            row(canvas, lines.get(i), i < nets.size() ? nets.get(i) : null);
        }
        canvas.onNewPage(this::runningHeader);
        canvas.down(4 * LayoutStyle.MM);
    }

    /** The top of a page after the first: what document it belongs to. */
    void runningHeader(LayoutCanvas canvas) {
        String title =
                LayoutHeader.title(invoice, format)
                        + "  "
                        + format.label("number")
                        + " "
                        + invoice.number();
        canvas.left(fonts.bold, 9, ACCENT, LEFT, TOP - 9, title, WIDTH / 2);
        String seller =
                fonts.shorten(fonts.regular, 8, invoice.seller().legalName(), WIDTH / 2 - 10);
        canvas.right(fonts.regular, 8, MUTED, RIGHT, TOP - 9, seller, WIDTH / 2 - 10);
        canvas.rule(RULE, 0.5f, LEFT, TOP - 15, RIGHT);
        canvas.moveTo(TOP - 26);
    }

    private void header(LayoutCanvas canvas) {
        float top = canvas.y();
        canvas.fill(BAND, LEFT, top - HEADER_HEIGHT, WIDTH, HEADER_HEIGHT);
        float baseline = top - 11.5f;
        float x = LEFT;
        canvas.left(
                fonts.bold,
                SMALL + 0.5f,
                ACCENT,
                x + PAD,
                baseline,
                format.label("lines.description"),
                description - 2 * PAD);
        x += description;
        x = headRight(canvas, x, QTY, baseline, "lines.quantity");
        canvas.left(
                fonts.bold,
                SMALL + 0.5f,
                ACCENT,
                x + PAD,
                baseline,
                format.label("lines.unit"),
                UNIT - 2 * PAD);
        x += UNIT;
        x = headRight(canvas, x, PRICE, baseline, "lines.unitPrice");
        x = headRight(canvas, x, VAT, baseline, "lines.vat");
        if (allowances) {
            x = headRight(canvas, x, ALLOWANCE, baseline, "lines.allowance");
        }
        headRight(canvas, x, NET, baseline, "lines.net");
        canvas.moveTo(top - HEADER_HEIGHT);
    }

    private float headRight(LayoutCanvas canvas, float x, float width, float baseline, String key) {
        canvas.right(
                fonts.bold,
                SMALL + 0.5f,
                ACCENT,
                x + width - PAD,
                baseline,
                format.label(key),
                width - 2 * PAD);
        return x + width;
    }

    private void row(LayoutCanvas canvas, DraftLine line, BigDecimal net) {
        float textWidth = description - 2 * PAD;
        List<String> text = fonts.wrap(fonts.regular, BODY, line.description(), textWidth);
        if (text.isEmpty()) {
            text = List.of("");
        }
        List<String> notes = new ArrayList<>();
        if (!line.allowanceReason().isEmpty() && line.allowance() != null) {
            notes =
                    fonts.wrap(
                            fonts.regular,
                            SMALL,
                            format.label("lines.allowanceReason", line.allowanceReason()),
                            textWidth);
        }
        float height =
                PAD + BODY + (text.size() - 1) * LEADING + notes.size() * SMALL_LEADING + PAD + 2;
        if (!canvas.fits(height)
                && (canvas.fitsOnNewPage(height) || !canvas.fits(PAD + LEADING + PAD))) {
            canvas.newPage();
        }
        float baseline = canvas.y() - PAD - BODY + 1.5f;
        numbers(canvas, line, net, baseline);
        for (int i = 0; i < text.size(); i++) {
            if (i > 0) {
                baseline -= LEADING;
                if (baseline - PAD - 2 < canvas.bottom()) {
                    canvas.newPage();
                    baseline = canvas.y() - PAD - BODY + 1.5f;
                }
            }
            canvas.text(fonts.regular, BODY, TEXT, LEFT + PAD, baseline, text.get(i));
        }
        for (String note : notes) {
            baseline -= SMALL_LEADING;
            if (baseline - PAD - 2 < canvas.bottom()) {
                canvas.newPage();
                baseline = canvas.y() - PAD - SMALL;
            }
            canvas.text(fonts.regular, SMALL, MUTED, LEFT + PAD, baseline, note);
        }
        float end = baseline - PAD - 2;
        canvas.rule(RULE, 0.4f, LEFT, end, RIGHT);
        canvas.moveTo(end);
    }

    private void numbers(LayoutCanvas canvas, DraftLine line, BigDecimal net, float baseline) {
        float x = LEFT + description;
        canvas.right(
                fonts.regular,
                BODY,
                TEXT,
                x + QTY - PAD,
                baseline,
                format.quantity(line.quantity()),
                QTY - 2 * PAD);
        x += QTY;
        canvas.left(
                fonts.regular,
                BODY,
                TEXT,
                x + PAD,
                baseline,
                format.unit(line.unit()),
                UNIT - 2 * PAD);
        x += UNIT;
        canvas.right(
                fonts.regular,
                BODY,
                TEXT,
                x + PRICE - PAD,
                baseline,
                format.price(line.unitPrice()),
                PRICE - 2 * PAD);
        x += PRICE;
        String rate = line.vatRate() == null ? line.vatCategory() : format.rate(line.vatRate());
        canvas.right(fonts.regular, BODY, TEXT, x + VAT - PAD, baseline, rate, VAT - 2 * PAD);
        x += VAT;
        if (allowances) {
            BigDecimal allowance = line.allowance();
            String text =
                    allowance == null || allowance.signum() == 0
                            ? ""
                            : format.amount(allowance.negate());
            canvas.right(
                    fonts.regular,
                    BODY,
                    TEXT,
                    x + ALLOWANCE - PAD,
                    baseline,
                    text,
                    ALLOWANCE - 2 * PAD);
            x += ALLOWANCE;
        }
        canvas.right(
                fonts.bold, BODY, TEXT, x + NET - PAD, baseline, format.amount(net), NET - 2 * PAD);
    }
}
