package io.facteur.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * An RFC 3161 client on the JDK alone: sends a {@code TimeStampReq} over a SHA-256 hash, checks
 * that the {@code TimeStampResp} grants it and echoes the hash and the nonce, and returns the
 * response's DER bytes ({@code openssl ts -verify -digest <hash> -in <file> -CAfile <tsa.pem>}).
 */
final class TimeStamper {
    /** Largest response accepted. */
    static final int MAX_RESPONSE = 256 * 1024;

    private static final byte[] SHA256_ALGORITHM = {
        0x30,
        0x0d,
        0x06,
        0x09,
        0x60,
        (byte) 0x86,
        0x48,
        0x01,
        0x65,
        0x03,
        0x04,
        0x02,
        0x01,
        0x05,
        0x00
    };
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;
    private final SecureRandom random = new SecureRandom();

    TimeStamper(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The DER {@code TimeStampReq} asking for a token over {@code hash}, certificate included. */
    static byte[] request(byte[] hash, byte[] nonce) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x01}); // version 1
        body.write(0x30); // MessageImprint
        body.write(SHA256_ALGORITHM.length + 2 + hash.length);
        body.writeBytes(SHA256_ALGORITHM);
        body.write(0x04);
        body.write(hash.length);
        body.writeBytes(hash);
        body.write(0x02); // nonce
        body.write(nonce.length);
        body.writeBytes(nonce);
        body.writeBytes(new byte[] {0x01, 0x01, (byte) 0xff}); // certReq TRUE
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * Asks the authority for a token over {@code hash}.
     *
     * @throws IOException when the authority cannot be reached or does not grant a valid token
     */
    byte[] stamp(byte[] hash) throws IOException {
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        nonce[0] = (byte) ((nonce[0] & 0x7f) | 0x01); // positive, minimal encoding
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request(hash, nonce)))
                        .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_RESPONSE + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("time-stamping authority answered " + response.statusCode());
        }
        if (body.length > MAX_RESPONSE) {
            throw new IOException("time-stamping response larger than " + MAX_RESPONSE);
        }
        check(body, hash, nonce);
        return body;
    }

    /** Checks that the response grants a token that echoes the hash and the nonce. */
    static void check(byte[] der, byte[] hash, byte[] nonce) throws IOException {
        Der outer = Der.at(der, 0);
        if (outer.tag != 0x30 || outer.end != der.length) {
            throw new IOException("not a TimeStampResp");
        }
        Der statusInfo = Der.at(der, outer.start);
        Der status = Der.at(der, statusInfo.start);
        if (statusInfo.tag != 0x30 || status.tag != 0x02 || status.end - status.start != 1) {
            throw new IOException("not a PKIStatusInfo");
        }
        int value = der[status.start];
        if (value != 0 && value != 1) {
            throw new IOException("time-stamping refused, status " + value);
        }
        if (statusInfo.end >= outer.end) {
            throw new IOException("no time-stamp token");
        }
        if (indexOf(der, hash) < 0 || indexOf(der, nonce) < 0) {
            throw new IOException("the token does not match the request");
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One DER element: tag, where its content starts and ends. */
    private record Der(int tag, int start, int end) {
        static Der at(byte[] der, int offset) throws IOException {
            if (offset + 2 > der.length) {
                throw new IOException("truncated DER");
            }
            int tag = der[offset] & 0xff;
            int length = der[offset + 1] & 0xff;
            int start = offset + 2;
            if (length > 0x80) {
                int bytes = length & 0x7f;
                if (bytes > 3 || start + bytes > der.length) {
                    throw new IOException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            } else if (length == 0x80) {
                throw new IOException("indefinite DER length");
            }
            if (start + length > der.length) {
                throw new IOException("truncated DER");
            }
            return new Der(tag, start, start + length);
        }
    }
}
