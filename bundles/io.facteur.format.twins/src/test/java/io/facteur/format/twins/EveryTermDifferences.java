package io.facteur.format.twins;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every field in which two semantic invoices differ, walking the records of {@code
 * io.facteur.api.invoice} (addresses, identifiers, item names, prices and all): stricter than
 * {@link InvoiceDifferences}. Amounts are compared by value; an absent optional amount differs from
 * 0.00 here.
 */
final class EveryTermDifferences {

    private final List<String> differences = new ArrayList<>();

    static List<String> between(Object a, Object b) {
        EveryTermDifferences diff = new EveryTermDifferences();
        diff.walk("invoice", a, b);
        return diff.differences;
    }

    private void walk(String path, Object a, Object b) {
        if (a == null || b == null) {
            if (a != b) {
                differences.add(path + ": " + a + " <> " + b);
            }
        } else if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            if (x.compareTo(y) != 0) {
                differences.add(path + ": " + a + " <> " + b);
            }
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                differences.add(path + " count: " + x.size() + " <> " + y.size());
                return;
            }
            for (int i = 0; i < x.size(); i++) {
                walk(path + "[" + (i + 1) + "]", x.get(i), y.get(i));
            }
        } else if (a.getClass().isRecord()) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                try {
                    walk(
                            path + "." + component.getName(),
                            component.getAccessor().invoke(a),
                            component.getAccessor().invoke(b));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (!a.equals(b)) {
            differences.add(path + ": " + a + " <> " + b);
        }
    }
}
