package vn.lienthong.gateway.document;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.delivery.DeliveryListener;

/** Marks a received document DELIVERED once the document office accepted it. */
@NationalAxisFeature
@Component
public class DocumentDeliveries implements DeliveryListener {

    private final DocumentStore store;
    private final Catalog catalog;

    public DocumentDeliveries(DocumentStore store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public void delivering(String flow, String documentId, String system) {
        // nothing to record: the DELIVERING event is in the timeline
    }

    @Override
    public void delivered(String flow, String documentId, String system) {
        if (AxisInbox.FLOW_DOCUMENT.equals(flow) && isOffice(system)) {
            for (DocumentStore.DocumentRow d : store.packages(documentId, DocumentStore.INCOMING)) {
                if ("RECEIVED".equals(d.state())) {
                    store.delivered(documentId, d.businessType());
                }
            }
        }
    }

    private boolean isOffice(String system) {
        return catalog.system(system).map(s -> s.kind() == SystemKind.DOCUMENT_OFFICE).orElse(false);
    }
}
