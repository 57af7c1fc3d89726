package org.weft.ejb.net;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * The HTTP clients of one kind of outgoing traffic (federation, push gateways): one that checks
 * certificates, and, only for the laboratory switches weft.federation.verify_tls and
 * weft.push.verify_tls, one that accepts any certificate (the host name is still checked against
 * the URL). Each is built on first use and then shared, so connections are pooled.
 */
public final class TlsClients {

    private static final Logger LOG = Logger.getLogger(TlsClients.class);

    private final Supplier<HttpClient.Builder> builder;
    private final String insecureWarning;
    private volatile HttpClient verifying;
    private volatile HttpClient trusting;

    /**
     * @param builder         how this traffic's clients are built (timeouts, redirects, version)
     * @param insecureWarning logged once when certificate checks are first switched off
     */
    public TlsClients(Supplier<HttpClient.Builder> builder, String insecureWarning) {
        this.builder = builder;
        this.insecureWarning = insecureWarning;
    }

    public HttpClient client(boolean verifyTls) {
        if (verifyTls) {
            HttpClient c = verifying;
            if (c == null) {
                c = verifying = builder.get().build();
            }
            return c;
        }
        HttpClient c = trusting;
        if (c == null) {
            LOG.warn(insecureWarning);
            c = trusting = builder.get().sslContext(trustAll()).build();
        }
        return c;
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
