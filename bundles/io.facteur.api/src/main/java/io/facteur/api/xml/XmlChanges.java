package io.facteur.api.xml;

import io.facteur.api.UnreadableInvoiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a receiver adapter changed in an invoice's XML, outside the places of the business terms it
 * declares. The semantic record the readers fill carries the terms EN 16931 sums and checks
 * (parties, lines, VAT, totals); this comparison covers everything else the file says (contacts,
 * payment means, notes, delivery, references, extensions): every element, attribute and text of the
 * adapter's input must be in its output with the same value, and nothing may be added, but in the
 * elements that carry a declared term. Comments, processing instructions, namespace prefixes and
 * the white space between elements are not compared.
 *
 * <p>The places of the terms adapters add are known for CII (also inside Factur-X) and UBL; a
 * declared term this class has no place for allows no change at all.
 */
public final class XmlChanges {

    /** The path prefixes, by local names from the root ({@code *} for any root), of each term. */
    private static final Map<String, Map<String, List<String>>> PLACES = places();

    private static final String CII_AGREEMENT =
            "/CrossIndustryInvoice/SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement";
    private static final String CII_CONTEXT = "/CrossIndustryInvoice/ExchangedDocumentContext";

    /**
     * One change.
     *
     * @param path where, by local names with the position among same-named siblings
     * @param before the value in the adapter's input, empty when it was not there
     * @param after the value in its output, empty when it is gone
     */
    public record Change(String path, Optional<String> before, Optional<String> after) {
        @Override
        public String toString() {
            return path
                    + ": "
                    + before.map(v -> "'" + shortened(v) + "'").orElse("(none)")
                    + " -> "
                    + after.map(v -> "'" + shortened(v) + "'").orElse("(none)");
        }
    }

    private XmlChanges() {}

    /** Whether this class knows where the terms are in XML of this syntax. */
    public static boolean knows(String syntax) {
        return PLACES.containsKey(family(syntax));
    }

    /** The terms whose places are known in this syntax. */
    public static Set<String> terms(String syntax) {
        return new TreeSet<>(PLACES.getOrDefault(family(syntax), Map.of()).keySet());
    }

    /**
     * The changes from one XML to the other outside the places of the declared terms.
     *
     * @param before the adapter's input XML
     * @param after the adapter's output XML
     * @param syntax the syntax of both ({@code CII}, {@code UBL}, {@code FACTUR_X} for the CII a
     *     Factur-X carries)
     * @param declared the business terms the adapter declares it adds or changes
     * @throws UnreadableInvoiceException when either is not well-formed XML
     */
    public static List<Change> outside(
            byte[] before, byte[] after, String syntax, Set<String> declared)
            throws UnreadableInvoiceException {
        Map<String, List<String>> places = PLACES.getOrDefault(family(syntax), Map.of());
        List<String> allowed = new ArrayList<>();
        for (String term : declared) {
            allowed.addAll(places.getOrDefault(term, List.of()));
        }
        Map<String, String> from = facts(SafeXml.parse(before).getDocumentElement());
        Map<String, String> to = facts(SafeXml.parse(after).getDocumentElement());
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : from.entrySet()) {
            String other = to.get(e.getKey());
            if (!e.getValue().equals(other) && !allowed(e.getKey(), allowed)) {
                changes.add(
                        new Change(
                                e.getKey(), Optional.of(e.getValue()), Optional.ofNullable(other)));
            }
        }
        for (Map.Entry<String, String> e : to.entrySet()) {
            if (!from.containsKey(e.getKey()) && !allowed(e.getKey(), allowed)) {
                changes.add(new Change(e.getKey(), Optional.empty(), Optional.of(e.getValue())));
            }
        }
        return changes;
    }

    private static String family(String syntax) {
        return "FACTUR_X".equals(syntax) || "ZUGFERD".equals(syntax) ? "CII" : syntax;
    }

    private static boolean allowed(String path, List<String> prefixes) {
        String bare = path.replaceAll("\\[\\d+]", "");
        String anyRoot = bare.replaceFirst("^/[^/@]+", "/*");
        for (String prefix : prefixes) {
            String p = prefix.startsWith("/*") ? anyRoot : bare;
            if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every element's namespace, every attribute and the text of every element without element
     * children, by path.
     */
    private static Map<String, String> facts(Element root) {
        Map<String, String> facts = new LinkedHashMap<>();
        collect(root, "/" + root.getLocalName() + "[1]", facts);
        return facts;
    }

    private static void collect(Element element, String path, Map<String, String> facts) {
        String namespace = element.getNamespaceURI();
        facts.put(path + "/@xmlns", namespace == null ? "" : namespace);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                continue;
            }
            String name =
                    a.getNamespaceURI() == null
                            ? a.getLocalName() == null ? a.getName() : a.getLocalName()
                            : "{" + a.getNamespaceURI() + "}" + a.getLocalName();
            facts.put(path + "/@" + name, a.getValue());
        }
        Map<String, Integer> positions = new HashMap<>();
        StringBuilder text = new StringBuilder();
        boolean children = false;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children = true;
                String name = child.getLocalName();
                int position = positions.merge(name, 1, Integer::sum);
                collect(child, path + "/" + name + "[" + position + "]", facts);
            } else if (n.getNodeType() == Node.TEXT_NODE
                    || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        if (!children && !text.toString().isBlank()) {
            facts.put(path, text.toString().strip());
        } else if (!text.toString().isBlank()) {
            // mixed content: the text between the children counts too
            facts.put(path + "/#text", text.toString().strip());
        }
    }

    private static Map<String, Map<String, List<String>>> places() {
        Map<String, List<String>> cii = new HashMap<>();
        cii.put("BT-10", List.of(CII_AGREEMENT + "/BuyerReference"));
        cii.put(
                "BT-11",
                List.of(
                        "/CrossIndustryInvoice/SupplyChainTradeTransaction"
                                + "/ApplicableHeaderTradeAgreement/SpecifiedProcuringProject"));
        cii.put("BT-12", List.of(CII_AGREEMENT + "/ContractReferencedDocument"));
        cii.put("BT-13", List.of(CII_AGREEMENT + "/BuyerOrderReferencedDocument"));
        cii.put(
                "BT-19",
                List.of(
                        "/CrossIndustryInvoice/SupplyChainTradeTransaction"
                                + "/ApplicableHeaderTradeSettlement/ReceivableSpecifiedTradeAccountingAccount"));
        cii.put(
                "BT-23",
                List.of(CII_CONTEXT + "/BusinessProcessSpecifiedDocumentContextParameter"));
        cii.put("BT-24", List.of(CII_CONTEXT + "/GuidelineSpecifiedDocumentContextParameter"));
        cii.put("BT-34", List.of(CII_AGREEMENT + "/SellerTradeParty/URIUniversalCommunication"));
        cii.put("BT-49", List.of(CII_AGREEMENT + "/BuyerTradeParty/URIUniversalCommunication"));
        Map<String, List<String>> ubl = new HashMap<>();
        ubl.put("BT-10", List.of("/*/BuyerReference"));
        ubl.put("BT-11", List.of("/*/ProjectReference"));
        ubl.put("BT-12", List.of("/*/ContractDocumentReference"));
        ubl.put("BT-13", List.of("/*/OrderReference"));
        ubl.put("BT-19", List.of("/*/AccountingCost"));
        ubl.put("BT-23", List.of("/*/ProfileID"));
        ubl.put("BT-24", List.of("/*/CustomizationID"));
        ubl.put("BT-34", List.of("/*/AccountingSupplierParty/Party/EndpointID"));
        ubl.put("BT-49", List.of("/*/AccountingCustomerParty/Party/EndpointID"));
        return Map.of("CII", Map.copyOf(cii), "UBL", Map.copyOf(ubl));
    }

    private static String shortened(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
