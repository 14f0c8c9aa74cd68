package vn.lienthong.gateway.edxml;

import java.util.List;

/** What an update changes: document data ({@code DocumentInfo}), receivers and their list. */
public record BussinessDocumentInfo(String documentInfo, String documentReceiver, List<Receiver> receivers) {

    public BussinessDocumentInfo {
        receivers = Lists.copy(receivers);
    }
}
