package vn.lienthong.gateway.delivery;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Turns one {@link Dispatch} of a split into a JMS-ready message; used by the routes before {@code toD}. */
@Component("dispatcher")
public class Dispatcher {

    public void prepare(Exchange exchange) {
        DeliveryHeaders.apply(exchange.getIn().getBody(Dispatch.class), exchange);
    }
}
