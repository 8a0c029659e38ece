package io.facteur.export.sftp.internal;

import io.facteur.api.Document;
import io.facteur.api.ExportConnector.Export;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Exports and settings as the core builds them. */
final class Exports {
    private Exports() {}

    static Invoice invoice(String number, String seller) {
        return new Invoice(
                number,
                LocalDate.of(2026, 3, 14),
                "380",
                "EUR",
                null,
                "",
                "",
                new Party(seller, "", "", "", "", null),
                new Party("Buyer", "", "", "", "", null),
                List.of(),
                List.of(),
                null);
    }

    static Export export(String key, String number, byte[] content, Map<String, Object> settings) {
        return new Export(
                key,
                "dossier-1",
                "sftp-1",
                "inv-" + key,
                invoice(number, "Müller & Söhne GmbH"),
                new Document(number + ".xml", "application/xml", content),
                "original",
                "xml",
                settings);
    }

    /** Password settings for this server, with its key confirmed. */
    static Map<String, Object> settings(SftpServer server) {
        Map<String, Object> s = new HashMap<>();
        s.put("dossier", "dossier-1");
        s.put("connector", "sftp-1");
        s.put("host", "127.0.0.1");
        s.put("port", server.port());
        s.put("user", SftpServer.USER);
        s.put("password", SftpServer.PASSWORD);
        s.put("remoteDirectory", "in");
        s.put("hostKey", server.fingerprint());
        s.put("timeoutSeconds", 5);
        return s;
    }
}
