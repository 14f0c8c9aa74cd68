package vn.lienthong.gateway.edxml;

/** A receiver concerned by an update ({@code BussinessDocumentInfo/ReceiverList/Receiver}). */
public record Receiver(String organId, String receiverType) {
}
