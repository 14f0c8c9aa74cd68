package vn.lienthong.gateway.edxml;

/** One hop of the package: the agency that handled it and when ({@code yyyy/MM/dd HH:mm:ss}). */
public record TraceHeader(String organId, String timestamp) {
}
