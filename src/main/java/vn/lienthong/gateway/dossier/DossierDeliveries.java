package vn.lienthong.gateway.dossier;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.delivery.DeliveryListener;
import vn.lienthong.gateway.delivery.Dispatch;

/** Keeps a dossier step's state in line with the delivery of the dossier to its department. */
@Component
public class DossierDeliveries implements DeliveryListener {

    private final DossierStore store;

    public DossierDeliveries(DossierStore store) {
        this.store = store;
    }

    @Override
    public void delivering(String flow, String dossierCode, String system) {
        step(flow, dossierCode, system, StepState.DELIVERING, false);
    }

    @Override
    public void retrying(String flow, String dossierCode, String system) {
        step(flow, dossierCode, system, StepState.RETRYING, false);
    }

    @Override
    public void deadLettered(String flow, String dossierCode, String system) {
        step(flow, dossierCode, system, StepState.DEAD_LETTERED, false);
    }

    @Override
    public void delivered(String flow, String dossierCode, String system) {
        step(flow, dossierCode, system, StepState.DELIVERED, true);
    }

    /** Only deliveries of the dossier itself move its step; callbacks and portal calls do not. */
    private void step(String flow, String dossierCode, String system, String state, boolean delivered) {
        if (Dispatch.FLOW_DOSSIER.equals(flow)) {
            store.stepDeliveryState(dossierCode, system, state, delivered);
        }
    }
}
