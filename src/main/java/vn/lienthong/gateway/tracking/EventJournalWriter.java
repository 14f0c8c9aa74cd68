package vn.lienthong.gateway.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains {@value TrackingEvents#QUEUE} in batches into {@code tracking_event}. The JMS session commits
 * only after the database did, so an event is never lost: a database outage just lets events wait in
 * the broker, and a crash between the two commits is absorbed by skipping ids already stored.
 */
@Component
public class EventJournalWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventJournalWriter.class);
    private static final String INSERT = "INSERT INTO tracking_event (event_id, at, type, flow, system_id, message_id,"
            + " correlation_id, attempt, payload_sha256, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ConnectionFactory connectionFactory;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final MessageProjection messages;
    private final MessageMetrics metrics;
    private final int batchSize;
    private final Duration maxBatchWait;
    private final int threadPriority;
    private volatile boolean running;
    private Thread worker;

    public EventJournalWriter(ConnectionFactory connectionFactory, JdbcTemplate jdbc, TransactionTemplate tx,
                              ObjectMapper mapper, MessageProjection messages, MessageMetrics metrics, @Value("${gateway.tracking.batch-size:500}") int batchSize,
                              @Value("${gateway.tracking.max-batch-wait:200ms}") Duration maxBatchWait,
                              vn.lienthong.gateway.delivery.BackgroundPriority background) {
        // A connection of its own, not the shared caching one: closing it after a failure must really close
        // the session and consumer, so the broker hands their unacknowledged events to the next consumer.
        // (With the caching factory an abandoned session kept its prefetched events out of reach.)
        this.connectionFactory = connectionFactory instanceof CachingConnectionFactory caching
                && caching.getTargetConnectionFactory() != null ? caching.getTargetConnectionFactory()
                : connectionFactory;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.messages = messages;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxBatchWait = maxBatchWait;
        this.threadPriority = background.priority();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "tracking-event-writer");
        worker.setDaemon(true);
        worker.setPriority(threadPriority); // background work: intake first (BackgroundPriority)
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the routes (which publish events) and start before them.
        return Integer.MAX_VALUE - 2000;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection connection = connectionFactory.createConnection();
                 Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                 MessageConsumer consumer = session.createConsumer(session.createQueue(TrackingEvents.QUEUE))) {
                connection.start();
                while (running) {
                    drainOnce(session, consumer);
                    backoff = 100;
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("Tracking events wait in the broker: {} (retrying in {} ms)", e.getMessage(), backoff);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void drainOnce(Session session, MessageConsumer consumer) throws Exception {
        List<TrackingEvent> batch = new ArrayList<>();
        boolean redelivered = false;
        Message first = consumer.receive(1000);
        if (first == null) {
            return;
        }
        long deadline = System.nanoTime() + maxBatchWait.toNanos();
        Message message = first;
        while (message != null) {
            redelivered |= message.getJMSRedelivered();
            batch.add(mapper.readValue(((TextMessage) message).getText(), TrackingEvent.class));
            if (batch.size() >= batchSize) {
                break;
            }
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            message = waitMillis > 0 ? consumer.receive(waitMillis) : consumer.receiveNoWait();
        }
        try {
            List<TrackingEvent> stored = write(batch, redelivered);
            session.commit();
            metrics.count(stored);
        } catch (RuntimeException | JMSException e) {
            rollbackQuietly(session);
            throw e;
        }
    }

    /** Stores the batch (less what a crash between the two commits already stored) and returns what it stored. */
    private List<TrackingEvent> write(List<TrackingEvent> batch, boolean mayHaveBeenStored) {
        return tx.execute(status -> {
            List<TrackingEvent> fresh = mayHaveBeenStored ? withoutStored(batch) : batch;
            jdbc.batchUpdate(INSERT, fresh, fresh.size(), (ps, e) -> {
                ps.setString(1, e.eventId());
                ps.setObject(2, e.at().withOffsetSameInstant(java.time.ZoneOffset.UTC));
                ps.setString(3, e.type().name());
                ps.setString(4, e.flow());
                ps.setString(5, e.system());
                ps.setString(6, e.messageId());
                ps.setString(7, e.correlationId());
                ps.setObject(8, e.attempt(), java.sql.Types.INTEGER);
                ps.setString(9, e.payloadSha256());
                ps.setString(10, e.detail());
            });
            messages.apply(fresh);
            return fresh;
        });
    }

    private List<TrackingEvent> withoutStored(List<TrackingEvent> batch) {
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < batch.size(); i += 100) {
            List<TrackingEvent> chunk = batch.subList(i, Math.min(batch.size(), i + 100));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            stored.addAll(jdbc.queryForList("SELECT event_id FROM tracking_event WHERE event_id IN (" + marks + ")",
                    String.class, chunk.stream().map(TrackingEvent::eventId).toArray()));
        }
        Set<String> seen = new HashSet<>(stored);
        return batch.stream().filter(e -> seen.add(e.eventId())).toList();
    }

    private static void rollbackQuietly(Session session) {
        try {
            session.rollback();
        } catch (JMSException e) {
            log.debug("rollback after a failed batch did not complete; the broker redelivers anyway", e);
        }
    }
}
