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
 * (Apache MINA SSHD) and a second ActiveMQ Artemis broker, separate from the gateway's, each on a free port of
 * 127.0.0.1 and each demanding a login.
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
