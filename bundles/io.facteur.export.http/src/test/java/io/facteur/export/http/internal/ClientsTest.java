package io.facteur.export.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One client per setup, shared, forgotten when idle. */
class ClientsTest {
    private final AtomicLong now = new AtomicLong();
    private final Clients clients = new Clients(Duration.ofMinutes(5), now::get);

    private static Endpoint endpoint(int timeout, String extraCa) throws Refusal {
        Map<String, Object> s = new HashMap<>(Exports.local("https://receiver.example/in"));
        s.put("timeoutSeconds", timeout);
        s.put("extraCa", extraCa);
        return Endpoint.of(s);
    }

    @Test
    void oneClientPerSetup() throws Exception {
        HttpClient a = clients.client(endpoint(30, ""));
        assertThat(clients.client(endpoint(30, ""))).isSameAs(a);
        HttpClient b = clients.client(endpoint(10, ""));
        assertThat(b).isNotSameAs(a);
        assertThat(b.connectTimeout()).contains(Duration.ofSeconds(10));
        assertThat(a.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(a.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void idleClientsAreForgotten() throws Exception {
        HttpClient a = clients.client(endpoint(30, ""));
        clients.client(endpoint(10, ""));
        now.addAndGet(Duration.ofMinutes(3).toNanos());
        clients.client(endpoint(10, ""));
        now.addAndGet(Duration.ofMinutes(3).toNanos());
        clients.client(endpoint(10, ""));
        assertThat(clients.size()).isEqualTo(1);
        assertThat(clients.client(endpoint(30, ""))).isNotSameAs(a);
        clients.close();
        assertThat(clients.size()).isZero();
    }

    @Test
    void aBadCertificateIsRefusedAndNotKept() {
        assertThatThrownBy(() -> clients.client(endpoint(30, "garbage")))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        r -> assertThat(r.key()).isEqualTo("settings.extraCa.invalid"));
        assertThat(clients.size()).isZero();
    }
}
