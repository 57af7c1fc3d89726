package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The federation listener (8448, here 18448) speaks TLS 1.3 with the self-signed certificate the
 * server generates for itself and keeps in its data folder.
 */
class FederationTlsIT extends WeftIT {

    @Test
    void federationPortServesTls13WithASelfSignedCertificate() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(System.getProperty("weft.it.federation.url", "https://localhost:18448")
                + "/_matrix/client/versions");

        // The certificate is generated on the first TLS connection ever; allow for that one.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> response = null;
        while (response == null) {
            try {
                response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException handshakeWhileGenerating) {
                if (Instant.now().isAfter(deadline)) {
                    throw handshakeWhileGenerating;
                }
                Thread.sleep(200);
            }
        }
        assertEquals(200, response.statusCode());
        SSLSession session = response.sslSession().orElseThrow();
        assertEquals("TLSv1.3", session.getProtocol());
        X509Certificate certificate = (X509Certificate) session.getPeerCertificates()[0];
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), "self-signed");
    }

    /** Test-only: the point here is the server's TLS, not certificate trust. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
