package vn.lienthong.gateway.process;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import vn.lienthong.gateway.delivery.MessagingConfiguration;

/**
 * An ActiveMQ Artemis broker in its own JVM, persistent, listening on TCP: the external broker of the
 * {@code prod} profile, so a test can kill it with SIGKILL and start it again on the same journal.
 * Arguments: the journal folder and the port.
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        MessagingConfiguration.applyBrokerSettings(configuration);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        System.out.println("BROKER STARTED on " + port);
        Thread.currentThread().join();
    }
}
