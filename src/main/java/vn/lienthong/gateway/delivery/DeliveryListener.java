package vn.lienthong.gateway.delivery;

/** Told how a delivery hop goes, so a feature (dossiers, documents) can follow its own steps. */
public interface DeliveryListener {

    /** A delivery of {@code flow} for business key {@code correlationId} to {@code system} starts. */
    void delivering(String flow, String correlationId, String system);

    /** The target accepted it. */
    void delivered(String flow, String correlationId, String system);

    /** It failed transiently and waits for another attempt. */
    default void retrying(String flow, String correlationId, String system) {
    }

    /** It could not be delivered and waits for an operator. */
    default void deadLettered(String flow, String correlationId, String system) {
    }
}
