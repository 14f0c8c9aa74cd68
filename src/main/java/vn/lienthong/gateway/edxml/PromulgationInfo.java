package vn.lienthong.gateway.edxml;

/** Where and when the document was issued (nơi, ngày ban hành); the date is {@code yyyy/MM/dd}. */
public record PromulgationInfo(String place, String promulgationDate) {
}
