package vn.lienthong.gateway.simulator.axis;

import jakarta.servlet.http.HttpServletRequest;

import vn.lienthong.gateway.document.AxisHmac;
import vn.lienthong.gateway.document.AxisProperties;

/** How the demo axis checks a request: a known {@code systemid}, a fresh {@code timestamp} and its HMAC signature. */
final class AxisSignatureCheck {

    /** Requests older or newer than this are refused, so a captured request cannot be replayed later. */
    private static final long MAX_SKEW_MILLIS = 5 * 60 * 1000L;

    private AxisSignatureCheck() {
    }

    /** Why the request is refused, or null when it is genuine. */
    static String problem(HttpServletRequest request, byte[] body, AxisProperties properties) {
        String systemId = request.getHeader(AxisHmac.SYSTEM_ID);
        String timestamp = request.getHeader(AxisHmac.TIMESTAMP);
        String signature = request.getHeader(AxisHmac.SIGNATURE);
        if (systemId == null || timestamp == null || signature == null) {
            return "systemid, timestamp and signature headers are required";
        }
        if (!systemId.equals(properties.systemId())) {
            return "unknown systemid " + systemId;
        }
        long at;
        try {
            at = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "timestamp must be epoch milliseconds";
        }
        if (Math.abs(System.currentTimeMillis() - at) > MAX_SKEW_MILLIS) {
            return "timestamp is more than 5 minutes away from the axis clock";
        }
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (!AxisHmac.matches(signature, properties.secret(), systemId, timestamp, request.getMethod(), path, body)) {
            return "signature does not match the request";
        }
        return null;
    }
}
