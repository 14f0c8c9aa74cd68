package vn.lienthong.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/** Reads a request body of an expected media type, refusing it as soon as it passes the size limit. */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The body, after checking the content type is JSON in UTF-8 and the size is within {@code limit}. */
    public static byte[] readJson(HttpServletRequest request, DataSize limit) {
        requireJsonUtf8(request.getContentType());
        return read(request, limit);
    }

    public static byte[] read(HttpServletRequest request, DataSize limit) {
        long max = limit.toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(request.getContentLengthLong(), 1024), max));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static void requireJsonUtf8(String contentType) {
        if (contentType == null) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type is missing; send application/json in UTF-8");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType
                    + "' cannot be read; send application/json in UTF-8");
        }
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        if (!json) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type is " + type
                    + "; send application/json in UTF-8");
        }
        Charset charset;
        try {
            charset = type.getCharset();
        } catch (IllegalArgumentException e) {
            charset = null;
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "charset '" + type.getParameter("charset")
                    + "' is not supported; send UTF-8", List.of(new FieldError("", "charset must be UTF-8")));
        }
        if (charset != null && !StandardCharsets.UTF_8.equals(charset)) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "charset " + charset.name()
                    + " is not supported; send UTF-8", List.of(new FieldError("", "charset must be UTF-8")));
        }
    }

    private static GatewayException tooLarge(DataSize limit) {
        return new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of "
                + limit.toMegabytes() + " MB (gateway.intake.max-body-size)");
    }
}
