package io.facteur.export.http.internal;

import static io.facteur.export.http.internal.Exports.cii;
import static io.facteur.export.http.internal.Exports.export;
import static io.facteur.export.http.internal.Exports.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.ConnectionTest;
import io.facteur.api.ExportException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a receiver's self-signed certificate: refused, unless trusted by extraCa. */
class TlsTest {
    @TempDir static Path folder;
    private static Certificates good;
    private static Certificates otherName;
    private static Receiver receiver;
    private static Receiver wrongHost;
    private final HttpConnector connector = new HttpConnector(new Clients());

    @BeforeAll
    static void certificates() throws Exception {
        good = Certificates.make(folder, "receiver", "ip:127.0.0.1,dns:localhost");
        otherName = Certificates.make(folder, "other", "dns:other.example");
        receiver = good.receiver();
        wrongHost = otherName.receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        wrongHost.close();
    }

    private static Map<String, Object> settings(Receiver r) {
        Map<String, Object> s = local(r.url("https", "/in"));
        s.remove("allowHttp");
        return s;
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        int before = receiver.received.size();
        ConnectionTest result = connector.test(settings(receiver), Locale.ENGLISH);
        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("The TLS certificate of 127.0.0.1 is not trusted");
        assertThat(connector.test(settings(receiver), Locale.GERMAN).message())
                .startsWith("Dem TLS-Zertifikat von 127.0.0.1 wird nicht vertraut");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        export(
                                                "t-1",
                                                cii("Factur-X_basic.xml"),
                                                "CII",
                                                settings(receiver))))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThat(receiver.received).hasSize(before);
    }

    @Test
    void extraCaTrustsIt() throws Exception {
        Map<String, Object> s = settings(receiver);
        s.put("extraCa", good.pem);
        ConnectionTest result = connector.test(s, Locale.FRENCH);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(connector.send(export("t-2", cii("Factur-X_basic.xml"), "CII", s)))
                .isEqualTo("HTTP 200");
        assertThat(receiver.last().header("Idempotency-Key")).isEqualTo("t-2");
    }

    @Test
    void extraCaSurvivesLostLineBreaks() {
        Map<String, Object> s = settings(receiver);
        s.put("extraCa", good.pem.replace("\r", "").replace("\n", " "));
        ConnectionTest spaces = connector.test(s, Locale.ENGLISH);
        assertThat(spaces.success()).as(spaces.message()).isTrue();
        s.put("extraCa", good.pem.replace("\r", "").replace("\n", "\\n"));
        ConnectionTest escaped = connector.test(s, Locale.ENGLISH);
        assertThat(escaped.success()).as(escaped.message()).isTrue();
    }

    @Test
    void theHostNameIsCheckedEvenWithExtraCa() {
        Map<String, Object> s = settings(wrongHost);
        s.put("extraCa", otherName.pem + "\n" + good.pem);
        ConnectionTest result = connector.test(s, Locale.ENGLISH);
        assertThat(result.success()).isFalse();
        assertThat(result.message())
                .isEqualTo(
                        "The TLS certificate presented by 127.0.0.1 is not valid for that host"
                                + " name.");
        assertThat(wrongHost.received).isEmpty();
    }

    @Test
    void anotherCertificateDoesNotTrustIt() {
        Map<String, Object> s = settings(receiver);
        s.put("extraCa", otherName.pem);
        assertThat(connector.test(s, Locale.ENGLISH).message())
                .startsWith("The TLS certificate of 127.0.0.1 is not trusted");
    }
}
