package io.facteur.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.facteur.api.Archive.Proof;
import io.facteur.api.Archive.Seal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seals time-stamped by a local RFC 3161 authority (Bouncy Castle), checked with openssl ts. */
class TimeStampTest {
    @TempDir Path root;
    @TempDir Path work;
    HttpServer server;
    X509Certificate certificate;
    final AtomicLong serial = new AtomicLong();
    volatile boolean refuse;

    @BeforeEach
    void startAuthority() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Facteur test TSA");
        Date now = new Date();
        JcaX509v3CertificateBuilder builder =
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        new Date(now.getTime() - 60_000),
                        new Date(now.getTime() + 86_400_000L),
                        name,
                        keys.getPublic());
        builder.addExtension(
                Extension.extendedKeyUsage,
                true,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        certificate =
                new JcaX509CertificateConverter()
                        .getCertificate(
                                builder.build(
                                        new JcaContentSignerBuilder("SHA256withRSA")
                                                .build(keys.getPrivate())));
        TimeStampTokenGenerator tokens =
                new TimeStampTokenGenerator(
                        new JcaSimpleSignerInfoGeneratorBuilder()
                                .build("SHA256withRSA", keys.getPrivate(), certificate),
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(
                                        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                                org.bouncycastle.asn1.oiw.OIWObjectIdentifiers
                                                        .idSHA1)),
                        new ASN1ObjectIdentifier("1.2.3.4.1"));
        tokens.addCertificates(new JcaCertStore(java.util.List.of(certificate)));
        TimeStampResponseGenerator responses =
                new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/tsa",
                exchange -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        TimeStampRequest request = new TimeStampRequest(in.readNBytes(4096));
                        if (refuse) {
                            exchange.sendResponseHeaders(503, -1);
                            return;
                        }
                        TimeStampResponse response =
                                responses.generate(
                                        request,
                                        BigInteger.valueOf(serial.incrementAndGet()),
                                        new Date());
                        byte[] der = response.getEncoded();
                        exchange.getResponseHeaders()
                                .add("Content-Type", "application/timestamp-reply");
                        exchange.sendResponseHeaders(200, der.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(der);
                        }
                    } catch (Exception e) {
                        exchange.sendResponseHeaders(500, -1);
                    } finally {
                        exchange.close();
                    }
                });
        server.start();
    }

    @AfterEach
    void stopAuthority() {
        server.stop(0);
    }

    FileArchive archive() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
        return new FileArchive(
                root,
                1 << 20,
                java.time.Clock.systemUTC(),
                new TimeStamper(url, Duration.ofSeconds(10)));
    }

    @Test
    void sealsAreTimeStampedAndOpensslVerifiesTheToken() throws Exception {
        FileArchive archive = archive();
        archive.store("acme", "inv-1", FileArchiveTest.doc("one"), LocalDate.of(2036, 1, 1));
        archive.store("acme", "inv-2", FileArchiveTest.doc("two"), LocalDate.of(2036, 1, 1));
        Seal seal = archive.seal("acme").orElseThrow();
        assertThat(seal.timestampToken()).isNotEmpty();
        Proof proof = archive.proof("acme", "inv-2").orElseThrow();
        assertThat(proof.seal().orElseThrow().timestampToken()).isEqualTo(seal.timestampToken());
        Files.write(work.resolve("seal.tsr"), Base64.getDecoder().decode(seal.timestampToken()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        Files.writeString(work.resolve("tsa.pem"), pem.toString());
        String out =
                CommandLineProofTest.run(
                        work,
                        "openssl ts -verify -digest "
                                + seal.sealHash()
                                + " -in seal.tsr -CAfile tsa.pem 2>&1");
        assertThat(out).contains("Verification: OK");
        // the same token does not fit another hash
        Process p =
                new ProcessBuilder(
                                "openssl",
                                "ts",
                                "-verify",
                                "-digest",
                                Hashes.sha256Hex("other"),
                                "-in",
                                "seal.tsr",
                                "-CAfile",
                                "tsa.pem")
                        .directory(work.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isNotZero();
        assertThat(archive.verify("acme").problems()).isEmpty();
    }

    @Test
    void aSealTheAuthorityMissedIsStampedAtTheNextSeal() throws Exception {
        FileArchive archive = archive();
        archive.store("acme", "inv-1", FileArchiveTest.doc("one"), LocalDate.of(2036, 1, 1));
        refuse = true;
        Seal first = archive.seal("acme").orElseThrow();
        assertThat(first.timestampToken()).isEmpty();
        refuse = false;
        archive.store("acme", "inv-2", FileArchiveTest.doc("two"), LocalDate.of(2036, 1, 1));
        Seal second = archive.seal("acme").orElseThrow();
        assertThat(second.timestampToken()).isNotEmpty();
        assertThat(
                        archive.proof("acme", "inv-1")
                                .orElseThrow()
                                .seal()
                                .orElseThrow()
                                .timestampToken())
                .isNotEmpty();
    }

    @Test
    void aResponseForAnotherHashIsRefused() throws Exception {
        byte[] hash = Hashes.sha256().digest("seal".getBytes());
        byte[] nonce = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x08};
        TimeStampRequest request = new TimeStampRequest(TimeStamper.request(hash, nonce));
        assertThat(request.getMessageImprintDigest()).isEqualTo(hash);
        assertThat(request.getNonce()).isEqualTo(new BigInteger(nonce));
        assertThat(request.getCertReq()).isTrue();
        assertThatThrownBy(
                        () ->
                                TimeStamper.check(
                                        new byte[] {0x30, 0x03, 0x02, 0x01, 0x02}, hash, nonce))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TimeStamper.check(new byte[] {0x04, 0x00}, hash, nonce))
                .isInstanceOf(IOException.class);
    }
}
