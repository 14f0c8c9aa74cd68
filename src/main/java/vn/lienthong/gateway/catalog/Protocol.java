package vn.lienthong.gateway.catalog;

/** The protocol a connected system speaks; each has a delivery kamelet in {@code routes/kamelets/}. */
public enum Protocol {
    REST, SOAP, FILE, JMS;

    /** The spelling used in config files and kamelet names. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
