package vn.lienthong.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

import javax.xml.namespace.QName;
import javax.xml.transform.TransformerException;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.transport.http.HTTPException;

/**
 * Turns whatever a delivery attempt threw into the gateway's vocabulary: transient failures (the
 * target is unreachable, overloaded or slow) are retried; permanent ones (the target refused the
 * message, or it could not be mapped) go straight to dead letters without wasting attempts.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static GatewayException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            GatewayException known = classifyOne(t);
            if (known != null) {
                return known;
            }
        }
        String what = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": "
                + failure.getMessage();
        return new GatewayException(ErrorCode.INTERNAL_ERROR, "Unexpected failure while delivering: " + what, failure);
    }

    private static GatewayException classifyOne(Throwable t) {
        if (t instanceof GatewayException g) {
            return g;
        }
        if (t instanceof HttpOperationFailedException http) {
            return byHttpStatus(http.getStatusCode(), http.getStatusText(), http.getResponseBody(), t);
        }
        if (t instanceof HTTPException http) {
            return byHttpStatus(http.getResponseCode(), http.getResponseMessage(), null, t);
        }
        if (t instanceof SoapFault fault) {
            QName code = fault.getFaultCode();
            String local = code == null ? "" : code.getLocalPart();
            boolean senderFault = local.equals("Client") || local.equals("Sender");
            return new GatewayException(senderFault ? ErrorCode.TARGET_REJECTED : ErrorCode.TARGET_UNAVAILABLE,
                    "SOAP fault " + local + ": " + fault.getMessage(), t);
        }
        if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                || t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
            return new GatewayException(ErrorCode.TARGET_TIMEOUT, "No answer in time: " + t.getMessage(), t);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException) {
            return new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "Cannot connect: " + t.getMessage(), t);
        }
        if (t instanceof TransformerException || t.getClass().getName().startsWith("net.sf.saxon")) {
            return new GatewayException(ErrorCode.MAPPING_FAILED, "The mapping failed: " + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "I/O failure: " + t.getMessage(), t);
        }
        return null;
    }

    private static GatewayException byHttpStatus(int status, String text, String body, Throwable t) {
        String detail = "HTTP " + status + (text == null || text.isBlank() ? "" : " " + text)
                + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        return new GatewayException(httpFailure(status), detail, t);
    }

    /**
     * The one rule for an HTTP answer, used by delivery, the axis client and the circuit probe: whether it is a
     * success at all ({@code 2xx}, {@code 3xx}).
     */
    public static boolean isHttpSuccess(int status) {
        return status >= 200 && status < 400;
    }

    /**
     * Whether a health probe's answer (a GET on the target's endpoint, a SOAP service's WSDL) says the target can
     * take messages: a success, or {@code 405}, the agreed answer of a resource that only takes POST (it is there
     * and routing requests). A {@code 500} is not healthy, whatever it says.
     */
    public static boolean isHealthyProbeAnswer(int status) {
        return isHttpSuccess(status) || status == 405;
    }

    /**
     * The one rule for an HTTP answer that is not a success: {@code 408} and {@code 504} are time-outs,
     * {@code 429} and other {@code 5xx} mean the target is unavailable (both transient, tried again); any other
     * {@code 4xx} means the target refused the message (permanent). {@code null} for a success.
     */
    public static ErrorCode httpFailure(int status) {
        if (isHttpSuccess(status)) {
            return null;
        }
        if (status == 408 || status == 504) {
            return ErrorCode.TARGET_TIMEOUT;
        }
        if (status == 429 || status >= 500 || status < 200) {
            return ErrorCode.TARGET_UNAVAILABLE;
        }
        return ErrorCode.TARGET_REJECTED;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 497) + "...";
    }
}
