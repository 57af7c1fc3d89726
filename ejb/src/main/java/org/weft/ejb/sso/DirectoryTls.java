package org.weft.ejb.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the directory trusting the certificates of {@code weft.ldap.trust_certificate} (the
 * organisation's CA, as a PEM or DER file) instead of the JVM's trust store, so that an operator
 * need not change WildFly's trust store for the directory alone. StartTLS takes the factory
 * directly; {@code ldaps://} names this class in {@code java.naming.ldap.factory.socket}, and JNDI
 * calls {@link #getDefault()}, which hands out the factory {@link #use} last set: there is one
 * directory configuration per server, and the JDK still checks the host name (endpoint
 * identification) on top of this trust.
 */
public final class DirectoryTls extends SSLSocketFactory {

    private static volatile SSLSocketFactory current = (SSLSocketFactory) SSLSocketFactory.getDefault();
    private static volatile String currentVersion = "";

    private final SSLSocketFactory delegate = current;

    /** Called by JNDI for {@code ldaps://} connections. */
    public static SocketFactory getDefault() {
        return new DirectoryTls();
    }

    /**
     * The factory trusting the file's certificates (re-read when the file changes), and made the
     * one JNDI gets. An empty path: the JVM's trust store.
     */
    static synchronized SSLSocketFactory use(String certificateFile) throws GeneralSecurityException, IOException {
        if (certificateFile.isEmpty()) {
            current = (SSLSocketFactory) SSLSocketFactory.getDefault();
            currentVersion = "";
            return current;
        }
        String version = certificateFile + "@" + Files.getLastModifiedTime(Path.of(certificateFile)).toMillis();
        if (!version.equals(currentVersion)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(certificateFile))) {
                int n = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trusted.setCertificateEntry("directory-" + n++, certificate);
                }
                if (n == 0) {
                    throw new GeneralSecurityException("no certificate in " + certificateFile);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            current = context.getSocketFactory();
            currentVersion = version;
        }
        return current;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate.createSocket();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
