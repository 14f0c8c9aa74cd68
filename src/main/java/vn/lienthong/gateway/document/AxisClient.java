package vn.lienthong.gateway.document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FailureClassifier;
import vn.lienthong.gateway.error.GatewayException;

/**
 * The client of the national document axis (trục liên thông văn bản quốc gia), modelled on the axis's own
 * client operations: send a package (document or status), list the packages received for this system, get
 * one, and acknowledge it ({@code done}, {@code processing}, {@code fail}). Every request carries
 * {@code systemid}, {@code timestamp} and the HMAC-SHA256 {@code signature} of {@link AxisHmac}.
 */
@NationalAxisFeature
@Component
public class AxisClient {

    /** What a package on the axis is. */
    public enum ServiceType {
        EDOC("eDoc"), STATUS("Status");

        private final String wire;

        ServiceType(String wire) {
            this.wire = wire;
        }

        /** The value of the {@code servicetype} header and parameter. */
        public String wire() {
            return wire;
        }

        public static ServiceType fromWire(String value) {
            for (ServiceType t : values()) {
                if (t.wire.equalsIgnoreCase(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("servicetype must be eDoc or Status, not '" + value + "'");
        }
    }

    /** The acknowledgements the axis understands. */
    public enum Ack { DONE, PROCESSING, FAIL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A package waiting on the axis for this system.
     *
     * @param id          the axis's id of the package
     * @param serviceType document or status
     * @param from        sending agency identifier, as the axis knows it
     */
    public record Item(String id, ServiceType serviceType, String from) {
    }

    private final AxisProperties properties;
    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public AxisClient(AxisProperties properties, Catalog catalog, ObjectMapper mapper) {
        this.properties = properties;
        this.catalog = catalog;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    /** Sends a package; returns the axis's id for it. {@code idempotencyKey} lets the axis drop a resend. */
    public String send(byte[] edxml, ServiceType type, String idempotencyKey) {
        HttpResponse<byte[]> response = call("POST", "/messages", edxml, "application/xml; charset=UTF-8",
                builder -> builder.header(AxisHmac.SERVICE_TYPE, type.wire()).header("Idempotency-Key", idempotencyKey));
        return json(response).path("id").asText();
    }

    /** Sends a package from a file, streamed (a large document); returns the axis's id for it. */
    public String send(java.nio.file.Path edxml, ServiceType type, String idempotencyKey) {
        HttpRequest.BodyPublisher body;
        String sha256;
        try {
            body = HttpRequest.BodyPublishers.ofFile(edxml);
            sha256 = vn.lienthong.gateway.support.Sha256.hex(edxml);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "The package to send cannot be read from " + edxml
                    + ": " + e.getMessage(), e);
        }
        HttpResponse<byte[]> response = exchange("POST", "/messages", body, sha256, "application/xml; charset=UTF-8",
                builder -> builder.header(AxisHmac.SERVICE_TYPE, type.wire()).header("Idempotency-Key", idempotencyKey),
                bounded());
        requireSuccess("POST", "/messages", response.statusCode(), response::body);
        return json(response).path("id").asText();
    }

    /** The packages of one type waiting for this system (not yet acknowledged done or fail). */
    public List<Item> listReceived(ServiceType type) {
        HttpResponse<byte[]> response = call("GET", "/messages?servicetype=" + URLEncoder.encode(type.wire(),
                StandardCharsets.UTF_8), null, null, b -> b);
        List<Item> items = new ArrayList<>();
        for (JsonNode node : json(response)) {
            items.add(new Item(node.path("id").asText(), type, node.path("from").asText(null)));
        }
        return items;
    }

    /** One package as the axis holds it; refused when larger than {@code gateway.axis.max-package-size}. */
    public byte[] get(String id) {
        return call("GET", "/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, null, b -> b).body();
    }

    /**
     * One package as the axis holds it, streamed into the claim check as {@code messageId}'s package: never
     * whole in memory, refused when larger than {@code gateway.axis.max-package-size}.
     */
    public PackageStore.Stored download(String id, PackageStore store, String messageId) {
        String path = "/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        HttpResponse<InputStream> response = exchange("GET", path, null, null, b -> b,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            requireSuccess("GET", path, response.statusCode(), () -> body.readNBytes(300));
            return store.write(messageId, body, properties.maxPackageSize().toBytes());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "The national document axis broke off the"
                    + " package " + id + ": " + e, e);
        }
    }

    /** Acknowledges a received package; {@code reason} says why, for {@code fail}. */
    public void acknowledge(String id, Ack ack, String reason) {
        var body = mapper.createObjectNode().put("status", ack.wire());
        if (reason != null) {
            body.put("reason", reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason);
        }
        call("PUT", "/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/status",
                body.toString().getBytes(StandardCharsets.UTF_8), "application/json", b -> b);
    }

    private HttpResponse<byte[]> call(String method, String path, byte[] body, String contentType,
                                      java.util.function.UnaryOperator<HttpRequest.Builder> extra) {
        HttpResponse<byte[]> response = exchange(method, path, body, contentType, extra, bounded());
        requireSuccess(method, path, response.statusCode(), response::body);
        return response;
    }

    private <T> HttpResponse<T> exchange(String method, String path, byte[] body, String contentType,
                                         java.util.function.UnaryOperator<HttpRequest.Builder> extra,
                                         HttpResponse.BodyHandler<T> handler) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body),
                vn.lienthong.gateway.support.Sha256.hex(body == null ? new byte[0] : body), contentType, extra, handler);
    }

    private <T> HttpResponse<T> exchange(String method, String path, HttpRequest.BodyPublisher body,
                                         String bodySha256, String contentType,
                                         java.util.function.UnaryOperator<HttpRequest.Builder> extra,
                                         HttpResponse.BodyHandler<T> handler) {
        URI base = URI.create(axis().endpoint());
        URI uri = URI.create(base + path);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String timestamp = Long.toString(System.currentTimeMillis());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header(AxisHmac.SYSTEM_ID, properties.systemId())
                .header(AxisHmac.TIMESTAMP, timestamp)
                .header(AxisHmac.SIGNATURE, AxisHmac.signDigest(properties.secret(), properties.systemId(),
                        timestamp, method, pathAndQuery, bodySha256))
                .method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            return http.send(extra.apply(builder).build(), handler);
        } catch (HttpTimeoutException e) {
            throw new GatewayException(ErrorCode.TARGET_TIMEOUT, "The national document axis did not answer "
                    + method + " " + path + " within " + properties.requestTimeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "The national document axis could not be"
                    + " reached for " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(ErrorCode.TARGET_UNAVAILABLE, "Interrupted while calling the axis", e);
        }
    }

    /** The body of a failed answer, read only when the answer failed. */
    @FunctionalInterface
    private interface FailedBody {
        byte[] read() throws IOException;
    }

    private static void requireSuccess(String method, String path, int status, FailedBody body) throws
            GatewayException {
        ErrorCode failure = FailureClassifier.httpFailure(status);
        if (failure == null) {
            return;
        }
        byte[] text;
        try {
            text = body.read();
        } catch (IOException e) {
            text = new byte[0];
        }
        if (failure.isTransient()) {
            throw new GatewayException(failure, "The national document axis answered " + status
                    + " to " + method + " " + path + ": " + excerpt(text));
        }
        throw new GatewayException(failure, "The national document axis refused " + method + " "
                + path + " with " + status + ": " + excerpt(text)
                + (status == 401 ? " (check gateway.axis.system-id and gateway.axis.secret)" : ""));
    }

    /** Reads the answer, refusing more than the package limit so a broken axis cannot fill the heap. */
    private HttpResponse.BodyHandler<byte[]> bounded() {
        long max = properties.maxPackageSize().toBytes();
        return info -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
            try (InputStream stream = in) {
                byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (bytes.length > max) {
                    throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "The axis answered more than "
                            + properties.maxPackageSize().toMegabytes() + " MB (gateway.axis.max-package-size)");
                }
                return bytes;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private JsonNode json(HttpResponse<byte[]> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TARGET_REJECTED, "The national document axis answered something"
                    + " that is not JSON: " + excerpt(response.body()), e);
        }
    }

    private ConnectedSystem axis() {
        return catalog.systems().stream().filter(s -> s.kind() == SystemKind.NATIONAL_AXIS).findFirst()
                .orElseThrow(() -> new GatewayException(ErrorCode.UNKNOWN_SYSTEM, "No national-axis system is"
                        + " configured in config/systems/"));
    }

    private static String excerpt(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
