package vn.lienthong.gateway.delivery;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.transaction.PlatformTransactionManager;

import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * Transactions and broker policies. Routes consume and produce inside one local JMS transaction, so a
 * message, its tracking events and its follow-up messages are committed together or not at all.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** The database transaction manager, for the stores. */
    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    /** The JMS transaction manager behind {@code transacted} intake routes (direct: routes that send to queues). */
    @Bean
    JmsTransactionManager jmsTransactionManager(ConnectionFactory connectionFactory) {
        return new JmsTransactionManager(connectionFactory);
    }

    /** The policy behind {@code transacted} in the YAML routes. */
    @Bean("PROPAGATION_REQUIRED")
    SpringTransactionPolicy propagationRequired(JmsTransactionManager jmsTransactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(jmsTransactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /**
     * Each send names its queue, and the Artemis client asked the broker whether that queue exists before every
     * one (a blocking round trip, the largest wait of the delivery threads in the benchmark's profile); with
     * {@code cacheDestinations} a session asks once per queue. The gateway's queues are never deleted under it.
     */
    @Bean
    static BeanPostProcessor artemisDestinationCache() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                Object target = bean instanceof SingleConnectionFactory single ? single.getTargetConnectionFactory()
                        : bean;
                if (target instanceof ActiveMQConnectionFactory artemis && !artemis.isCacheDestinations()) {
                    artemis.setCacheDestinations(true);
                }
                return bean;
            }
        };
    }

    /** Where the broker puts a message the gateway failed on at every redelivery (an external broker needs it too). */
    public static final String DEAD_LETTER_QUEUE = "gateway.dead";

    /** Settings of the embedded broker: tracking events are never dropped, however often a write fails. */
    @Bean
    ArtemisConfigurationCustomizer gatewayBrokerSettings() {
        return MessagingConfiguration::applyBrokerSettings;
    }

    /**
     * The broker settings the gateway relies on, for the embedded broker and for any Artemis run beside it
     * (the external broker's {@code broker.xml} must say the same, see the README).
     */
    public static void applyBrokerSettings(org.apache.activemq.artemis.core.config.Configuration configuration) {
        configuration.setJournalSyncTransactional(true);
        configuration.setJournalSyncNonTransactional(true);
        // Broker redelivery only catches gateway bugs (known failures are retried by scheduled messages).
        configuration.addAddressSetting("gateway.#", new AddressSettings()
                .setRedeliveryDelay(1000).setRedeliveryMultiplier(2.0).setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE)));
        configuration.addAddressSetting(DEAD_LETTER_QUEUE, new AddressSettings().setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(5000));
        configuration.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_QUEUE)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        configuration.addAddressSetting(TrackingEvents.QUEUE, new AddressSettings()
                .setRedeliveryDelay(500).setRedeliveryMultiplier(2.0).setMaxRedeliveryDelay(10_000)
                .setMaxDeliveryAttempts(-1));
    }

}
