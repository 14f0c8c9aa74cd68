package vn.lienthong.gateway.dossier;

import java.util.Enumeration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.delivery.DeliveryHeaders;

/**
 * Answers "was this dossier revision already accepted?" without a database write on the intake path:
 * revisions accepted but not yet routed are held here; routed ones are in the database. The router drops a
 * claim once its revision is committed.
 *
 * <p>After a restart the claims of dossiers still waiting in the intake queue are read back from the broker
 * before the web server takes requests (this bean starts in an early lifecycle phase), so a resubmission
 * with other content gets 409, not a 202 for a message the router would then drop as a duplicate.
 */
@Component
public class IntakeLedger implements SmartLifecycle {

    /** The queue accepted dossiers wait in until they are routed (routes/one-stop/one-stop-in-dossier.yaml). */
    public static final String INTAKE_QUEUE = "gateway.dossier.received";
    /** Header with the revision of the dossier a message carries. */
    public static final String REVISION = "GatewayRevision";
    /** Header with the SHA-256 of the dossier's canonical content. */
    public static final String CONTENT_SHA256 = "GatewayContentSha256";

    private static final Logger log = LoggerFactory.getLogger(IntakeLedger.class);

    /** What was accepted for a dossier revision. */
    public record Accepted(String messageId, String contentSha256) {
    }

    private final ConcurrentHashMap<String, Accepted> inFlight = new ConcurrentHashMap<>();
    private final DossierStore store;
    private final JmsTemplate jms;
    private final ObjectMapper mapper;
    private volatile boolean running;

    public IntakeLedger(DossierStore store, JmsTemplate jms, ObjectMapper mapper) {
        this.store = store;
        this.jms = jms;
        this.mapper = mapper;
    }

    public Optional<Accepted> find(String dossierCode, int revision) {
        Accepted pending = inFlight.get(key(dossierCode, revision));
        if (pending != null) {
            return Optional.of(pending);
        }
        return store.findRevision(dossierCode, revision).map(r -> new Accepted(r.messageId(), r.contentSha256()));
    }

    /** Claims a revision for a new message; returns the earlier claim when another request won the race. */
    public Optional<Accepted> claim(String dossierCode, int revision, Accepted accepted) {
        return Optional.ofNullable(inFlight.putIfAbsent(key(dossierCode, revision), accepted));
    }

    /** Drops a claim: after routing (the database answers from now on) or when the message was not stored. */
    public void forget(String dossierCode, int revision) {
        inFlight.remove(key(dossierCode, revision));
    }

    /**
     * Reads the claims of the dossiers waiting in the intake queue back from the broker.
     *
     * @return how many messages were read
     */
    public int recoverFromBroker() {
        Integer read = jms.browse(INTAKE_QUEUE, (session, browser) -> {
            int n = 0;
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                n++;
                try {
                    recover(message);
                } catch (JMSException | java.io.IOException | RuntimeException e) {
                    // One unreadable message must not keep the gateway from starting; the router still
                    // recognises a duplicate of it by the database.
                    log.warn("Intake message {} not read back: {}", message.getJMSMessageID(), e.toString());
                }
            }
            return n;
        });
        return read == null ? 0 : read;
    }

    private void recover(Message message) throws JMSException, java.io.IOException {
        String messageId = message.getStringProperty(DeliveryHeaders.MESSAGE_ID);
        String code = message.getStringProperty(DeliveryHeaders.CORRELATION_ID);
        String hash = message.getStringProperty(CONTENT_SHA256);
        String revision = message.getStringProperty(REVISION);
        if (revision == null && message instanceof TextMessage text) {
            // Accepted by a gateway version that did not set the header: read it from the dossier.
            JsonNode dossier = mapper.readTree(text.getText());
            revision = dossier.path("revision").asText(null);
        }
        if (messageId == null || code == null || hash == null || revision == null) {
            throw new IllegalStateException("it lacks the message id, dossier code, revision or content hash");
        }
        inFlight.putIfAbsent(key(code, Integer.parseInt(revision)), new Accepted(messageId, hash));
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        running = true;
        int read;
        try {
            read = recoverFromBroker();
        } catch (org.springframework.jms.JmsException e) {
            // An external broker that is down must not keep the gateway from starting: the intake answers 503
            // until it is back, and the router still recognises a duplicate by the database.
            log.warn("Intake ledger: the dossiers waiting in {} could not be read back ({}); a resubmission of one"
                    + " of them is recognised when it is routed", INTAKE_QUEUE, e.getMessage());
            return;
        }
        if (read > 0) {
            log.info("Intake ledger: {} accepted dossier(s) still wait to be routed; duplicates of them are"
                    + " recognised ({} ms)", read, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Forgets the claims, as a stopped gateway does; {@link #start()} reads them back from the broker. */
    @Override
    public void stop() {
        running = false;
        inFlight.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (and the routes' consumers) start. */
    @Override
    public int getPhase() {
        return 0;
    }

    private static String key(String dossierCode, int revision) {
        return dossierCode + '#' + revision;
    }
}
