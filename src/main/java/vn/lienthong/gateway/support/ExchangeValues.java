package vn.lienthong.gateway.support;

import org.apache.camel.Exchange;

/** Reads a gateway identity value from an exchange: its property if set (kept across sinks), else its header. */
public final class ExchangeValues {

    private ExchangeValues() {
    }

    public static String get(Exchange exchange, String name) {
        Object value = exchange.getProperty(name);
        if (value == null) {
            value = exchange.getIn().getHeader(name);
        }
        return value == null ? null : value.toString();
    }
}
