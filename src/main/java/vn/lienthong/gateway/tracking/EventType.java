package vn.lienthong.gateway.tracking;

/** What happened to a message at one hop. */
public enum EventType {
    RECEIVED, DUPLICATE, ROUTED, DELIVERING, DELIVERED, RETRYING, DEAD_LETTERED, REPLAYED, DISCARDED, REJECTED,
    STATUS_RECEIVED, CALLBACK_SENT
}
