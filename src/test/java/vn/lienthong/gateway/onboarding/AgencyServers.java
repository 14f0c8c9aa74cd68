package vn.lienthong.gateway.onboarding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The agencies' own servers that the onboarding tests connect to by configuration alone: a real SFTP server
 * (Apache MINA SSHD), a second ActiveMQ Artemis broker, separate from the gateway's, and an HTTPS department that
 * demands a client certificate, each on a free port of 127.0.0.1 and each demanding a login or a certificate.
 */
final class AgencyServers {

    private AgencyServers() {
    }

    /** An SFTP server serving {@code root} to one user, who logs in with a password or with a key. */
    record Sftp(SshServer server, Path root, String user, String password, Path privateKey) {

        int port() {
            return server.getPort();
        }

        static Sftp start(String user, String password) {
            try {
                Path root = Files.createTempDirectory("agency-sftp-");
                Path keys = Files.createTempDirectory("agency-sftp-keys-");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair userKey = generator.generateKeyPair();
                // The gateway's key, as an operator would mount it: an OpenSSH private key file.
                Path privateKey = keys.resolve("gateway_id_rsa");
                try (OutputStream out = Files.newOutputStream(privateKey)) {
                    new OpenSSHKeyPairResourceWriter().writePrivateKey(userKey, "lienthong-gw", null, out);
                }
                SshServer server = SshServer.setUpDefaultServer();
                server.setHost("127.0.0.1");
                server.setPort(0);
                server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(keys.resolve("host.ser")));
                server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
                server.setPublickeyAuthenticator((u, key, session) -> user.equals(u)
                        && KeyUtils.compareKeys(key, userKey.getPublic()));
                server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
                server.setFileSystemFactory(new VirtualFileSystemFactory(root));
                server.start();
                return new Sftp(server, root, user, password, privateKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An Artemis broker of its own: one CORE acceptor on 127.0.0.1, one user, nothing on disk. */
    record Broker(EmbeddedActiveMQ server, String url, String user, String password) {

        static Broker start(String user, String password) {
            int port = freePort();
            try {
                Path dir = Files.createTempDirectory("agency-broker-");
                ConfigurationImpl configuration = new ConfigurationImpl();
                configuration.setName("agency-broker");
                configuration.setPersistenceEnabled(false);
                configuration.setJMXManagementEnabled(false);
                configuration.setSecurityEnabled(true);
                configuration.setBrokerInstance(dir.toFile());
                configuration.setJournalDirectory(dir.resolve("journal").toString());
                configuration.setBindingsDirectory(dir.resolve("bindings").toString());
                configuration.setPagingDirectory(dir.resolve("paging").toString());
                configuration.setLargeMessagesDirectory(dir.resolve("large").toString());
                configuration.addAcceptorConfiguration("agency", "tcp://127.0.0.1:" + port + "?protocols=CORE");
                EmbeddedActiveMQ server = new EmbeddedActiveMQ();
                server.setConfiguration(configuration);
                server.setSecurityManager(new OneUser(user, password));
                server.start();
                return new Broker(server, "tcp://127.0.0.1:" + port, user, password);
            } catch (Exception e) {
                throw new IllegalStateException("the agency broker did not start", e);
            }
        }
    }

    /**
     * A REST department served over HTTPS that demands a client certificate (mutual TLS): its own key and certificate
     * for 127.0.0.1, the gateway's key and certificate in {@code clientKeyStore}, and each side trusting only the
     * other's certificate ({@code gatewayTrustStore} is what the gateway is configured to trust). Made with the JDK's
     * keytool, as an agency would; it records the dossier code and the client certificate's subject of each request.
     */
    record Tls(HttpsServer server, Path clientKeyStore, Path gatewayTrustStore, String password,
               List<String[]> received) {

        int port() {
            return server.getAddress().getPort();
        }

        static Tls start() {
            try {
                Path dir = Files.createTempDirectory("agency-tls-");
                String password = "tls-" + java.util.UUID.randomUUID();
                keytool("-genkeypair", "-alias", "department", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1, O=So Tu phap", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                        "-keystore", dir.resolve("department.p12").toString(), "-storetype", "PKCS12",
                        "-storepass", password);
                keytool("-genkeypair", "-alias", "lienthong-gw", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=lienthong-gw, O=Cong lien thong", "-validity", "2",
                        "-keystore", dir.resolve("gateway.p12").toString(), "-storetype", "PKCS12",
                        "-storepass", password);
                trust(dir.resolve("department.p12"), "department", dir.resolve("gateway-trust.p12"), password, dir);
                trust(dir.resolve("gateway.p12"), "lienthong-gw", dir.resolve("department-trust.p12"), password, dir);

                javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
                keys.init(load(dir.resolve("department.p12"), password), password.toCharArray());
                javax.net.ssl.TrustManagerFactory trusted = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
                trusted.init(load(dir.resolve("department-trust.p12"), password));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), trusted.getTrustManagers(), null);

                HttpsServer server = HttpsServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
                server.setHttpsConfigurator(new HttpsConfigurator(context) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        SSLParameters ssl = context.getDefaultSSLParameters();
                        ssl.setNeedClientAuth(true); // no certificate, no connection
                        parameters.setSSLParameters(ssl);
                    }
                });
                List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
                server.createContext("/justice/dossiers", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    String subject = ((java.security.cert.X509Certificate) ((HttpsExchange) exchange).getSSLSession()
                            .getPeerCertificates()[0]).getSubjectX500Principal().getName();
                    received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Correlation-Id"), subject,
                            body});
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.start();
                return new Tls(server, dir.resolve("gateway.p12"), dir.resolve("gateway-trust.p12"), password,
                        received);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("the agency's TLS server did not start", e);
            }
        }

        /** Puts the certificate of {@code alias} in {@code from} into a new trust store {@code to}. */
        private static void trust(Path from, String alias, Path to, String password, Path dir) throws IOException {
            Path certificate = dir.resolve(alias + ".crt");
            keytool("-exportcert", "-alias", alias, "-keystore", from.toString(), "-storepass", password, "-file",
                    certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-keystore",
                    to.toString(), "-storetype", "PKCS12", "-storepass", password);
        }

        private static java.security.KeyStore load(Path file, String password)
                throws IOException, GeneralSecurityException {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(file)) {
                store.load(in, password.toCharArray());
            }
            return store;
        }

        private static void keytool(String... arguments) throws IOException {
            List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            try {
                if (process.waitFor() != 0) {
                    throw new IOException("keytool " + arguments[0] + " failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** The agency broker's only account: the gateway's user may do anything, nobody else anything at all. */
    private record OneUser(String user, String password) implements ActiveMQSecurityManager {

        @Override
        public boolean validateUser(String u, String p) {
            return user.equals(u) && password.equals(p);
        }

        @Override
        public boolean validateUserAndRole(String u, String p, Set<Role> roles, CheckType checkType) {
            return validateUser(u, p);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
