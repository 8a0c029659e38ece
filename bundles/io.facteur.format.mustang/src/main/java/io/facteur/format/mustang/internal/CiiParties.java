package io.facteur.format.mustang.internal;

import static io.facteur.format.mustang.internal.CiiNodes.all;
import static io.facteur.format.mustang.internal.CiiNodes.first;
import static io.facteur.format.mustang.internal.CiiNodes.text;

import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import org.w3c.dom.Element;

/** Maps a CII SellerTradeParty (BG-4) or BuyerTradeParty (BG-7) to a {@link Party}. */
final class CiiParties {

    private CiiParties() {}

    static Party party(Element tradeParty) {
        return new Party(
                text(tradeParty, "Name"),
                identifier(tradeParty),
                text(tradeParty, "SpecifiedLegalOrganization", "ID"),
                vatId(tradeParty),
                text(tradeParty, "URIUniversalCommunication", "URIID"),
                address(tradeParty));
    }

    private static String identifier(Element tradeParty) {
        String id = text(tradeParty, "ID");
        return id.isEmpty() ? text(tradeParty, "GlobalID") : id;
    }

    /** BT-31 / BT-48: the tax registration with scheme VA (FC is the local tax number). */
    private static String vatId(Element tradeParty) {
        for (Element id : all(tradeParty, "SpecifiedTaxRegistration", "ID")) {
            if ("VA".equals(id.getAttribute("schemeID"))) {
                return id.getTextContent().strip();
            }
        }
        return "";
    }

    private static PostalAddress address(Element tradeParty) {
        return first(tradeParty, "PostalTradeAddress")
                .map(
                        a ->
                                new PostalAddress(
                                        text(a, "LineOne"),
                                        text(a, "LineTwo"),
                                        text(a, "CityName"),
                                        text(a, "PostcodeCode"),
                                        text(a, "CountryID")))
                .orElse(null);
    }
}
