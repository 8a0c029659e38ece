package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.LayoutStyle.ACCENT;
import static io.facteur.invoicing.internal.LayoutStyle.BAND;
import static io.facteur.invoicing.internal.LayoutStyle.LEFT;
import static io.facteur.invoicing.internal.LayoutStyle.MM;
import static io.facteur.invoicing.internal.LayoutStyle.MUTED;
import static io.facteur.invoicing.internal.LayoutStyle.RIGHT;
import static io.facteur.invoicing.internal.LayoutStyle.RULE;
import static io.facteur.invoicing.internal.LayoutStyle.SMALL;
import static io.facteur.invoicing.internal.LayoutStyle.TEXT;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The VAT breakdown (BG-23) at left and the document totals (BG-22) at right, side by side and on
 * one page, the amount due standing out.
 */
final class LayoutTaxes {
    private static final float VAT_WIDTH = 260;
    private static final float[] EDGES = {
        LEFT, LEFT + 100, LEFT + 140, LEFT + 200, LEFT + VAT_WIDTH
    };
    private static final float TOTALS_LEFT = LEFT + VAT_WIDTH + 20;
    private static final float TOTALS_WIDTH = RIGHT - TOTALS_LEFT;
    private static final float ROW = 12.5f;
    private static final float NOTE = SMALL * LayoutStyle.LEADING;
    private static final float PAYABLE = 20;

    private final IssuedInvoice invoice;
    private final LayoutFonts fonts;
    private final LayoutFormat format;

    LayoutTaxes(IssuedInvoice invoice, LayoutFonts fonts, LayoutFormat format) {
        this.invoice = invoice;
        this.fonts = fonts;
        this.format = format;
    }

    void draw(LayoutCanvas canvas) {
        List<List<String>> reasons = new ArrayList<>();
        float vatHeight = 18 + ROW;
        for (Totals.VatGroup group : invoice.totals().vat()) {
            String reason = group.exemptionReason() == null ? "" : group.exemptionReason();
            List<String> lines =
                    reason.isBlank()
                            ? List.of()
                            : fonts.wrap(fonts.regular, SMALL, reason, VAT_WIDTH - 8, 4);
            reasons.add(lines);
            vatHeight += ROW + lines.size() * NOTE + 2;
        }
        List<String[]> totals = totalRows();
        float totalsHeight = 18 + totals.size() * ROW + 4 + PAYABLE;
        float height = Math.max(vatHeight, totalsHeight);
        canvas.keep(height);
        float top = canvas.y();
        vat(canvas, top, reasons);
        totals(canvas, top, totals);
        canvas.moveTo(top - height - 6 * MM);
    }

    private void vat(LayoutCanvas canvas, float top, List<List<String>> reasons) {
        canvas.left(fonts.bold, 9, ACCENT, LEFT, top - 9, format.label("vat.title"), VAT_WIDTH);
        float y = top - 18;
        canvas.fill(BAND, LEFT, y - ROW, VAT_WIDTH, ROW);
        cells(
                canvas,
                fonts.bold,
                SMALL,
                ACCENT,
                y - 8.5f,
                format.label("vat.category"),
                format.label("vat.rate"),
                format.label("vat.taxable"),
                format.label("vat.amount"));
        y -= ROW;
        List<Totals.VatGroup> groups = invoice.totals().vat();
        for (int i = 0; i < groups.size(); i++) {
            Totals.VatGroup group = groups.get(i);
            cells(
                    canvas,
                    fonts.regular,
                    8,
                    TEXT,
                    y - 9,
                    format.vatCategory(group.category()),
                    group.rate() == null ? "" : format.rate(group.rate()),
                    format.amount(group.taxable()),
                    format.amount(group.tax()));
            y -= ROW;
            for (String line : reasons.get(i)) {
                canvas.text(fonts.regular, SMALL, MUTED, LEFT + 4, y - 5.5f, line);
                y -= NOTE;
            }
            y -= 2;
            canvas.rule(RULE, 0.4f, LEFT, y, LEFT + VAT_WIDTH);
        }
    }

    /** One row of the VAT table: the category at left, the three figures right-aligned. */
    private void cells(
            LayoutCanvas canvas,
            PDFont font,
            float size,
            Color color,
            float baseline,
            String category,
            String... figures) {
        canvas.left(font, size, color, EDGES[0] + 4, baseline, category, EDGES[1] - EDGES[0] - 6);
        for (int i = 0; i < figures.length; i++) {
            float width = EDGES[i + 2] - EDGES[i + 1] - 6;
            canvas.right(font, size, color, EDGES[i + 2] - 4, baseline, figures[i], width);
        }
    }

    private List<String[]> totalRows() {
        Totals totals = invoice.totals();
        List<String[]> rows = new ArrayList<>();
        if (nonZero(totals.allowanceTotal()) || nonZero(totals.chargeTotal())) {
            rows.add(row("totals.lineTotal", totals.lineTotal()));
        }
        if (nonZero(totals.allowanceTotal())) {
            rows.add(row("totals.allowances", totals.allowanceTotal().negate()));
        }
        if (nonZero(totals.chargeTotal())) {
            rows.add(row("totals.charges", totals.chargeTotal()));
        }
        rows.add(row("totals.taxExclusive", totals.taxExclusive()));
        rows.add(row("totals.tax", totals.taxTotal()));
        rows.add(row("totals.taxInclusive", totals.taxInclusive()));
        return rows;
    }

    private String[] row(String key, BigDecimal amount) {
        return new String[] {format.label(key), format.amount(amount)};
    }

    private void totals(LayoutCanvas canvas, float top, List<String[]> rows) {
        float y = top - 18;
        for (int i = 0; i < rows.size(); i++) {
            PDFont font = i == rows.size() - 1 ? fonts.bold : fonts.regular;
            float baseline = y - 9;
            canvas.left(
                    font, 8.5f, TEXT, TOTALS_LEFT + 4, baseline, rows.get(i)[0], TOTALS_WIDTH - 92);
            canvas.right(font, 8.5f, TEXT, RIGHT - 4, baseline, rows.get(i)[1], 84);
            y -= ROW;
            canvas.rule(RULE, 0.4f, TOTALS_LEFT, y, RIGHT);
        }
        y -= 4;
        canvas.fill(ACCENT, TOTALS_LEFT, y - PAYABLE, TOTALS_WIDTH, PAYABLE);
        String label =
                format.label(invoice.draft().creditNote() ? "totals.credited" : "totals.payable");
        float baseline = y - 13.5f;
        canvas.left(
                fonts.bold,
                9.5f,
                Color.WHITE,
                TOTALS_LEFT + 5,
                baseline,
                label,
                TOTALS_WIDTH - 100);
        canvas.right(
                fonts.bold,
                10.5f,
                Color.WHITE,
                RIGHT - 5,
                baseline,
                format.amount(invoice.totals().payable()),
                92);
    }

    private static boolean nonZero(BigDecimal value) {
        return value != null && value.signum() != 0;
    }
}
