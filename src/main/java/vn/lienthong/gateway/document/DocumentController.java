package vn.lienthong.gateway.document;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.security.SystemPrincipal;
import vn.lienthong.gateway.web.BoundedBody;

/**
 * The documents API (CONTRACT §3): {@code POST /api/v1/documents} from the document office (multipart
 * metadata + files, or a ready edXML package), {@code POST /api/v1/documents/{documentId}/status} for its
 * statuses on received documents, and {@code GET /api/v1/documents/{documentId}} for operators. Document
 * ids contain '/' (e.g. {@code 000.00.31.H19,2024/05/02,125/UBND-VP}), so they are the rest of the path.
 */
@NationalAxisFeature
@RestController
public class DocumentController {

    private static final String STATUS_SUFFIX = "/status";

    private final OutgoingDocuments outgoing;
    private final DocumentStatuses statuses;
    private final DocumentViews views;
    private final JsonContracts contracts;
    private final DataSize maxBodySize;
    private final DataSize maxPackageSize;

    public DocumentController(OutgoingDocuments outgoing, DocumentStatuses statuses, DocumentViews views,
                              JsonContracts contracts,
                              @Value("${gateway.intake.max-body-size:20MB}") DataSize maxBodySize,
                              AxisProperties axis) {
        this.outgoing = outgoing;
        this.maxPackageSize = axis.maxPackageSize();
        this.statuses = statuses;
        this.views = views;
        this.contracts = contracts;
        this.maxBodySize = maxBodySize;
    }

    @PostMapping("/api/v1/documents")
    public ResponseEntity<Map<String, Object>> submit(HttpServletRequest request,
                                                      @AuthenticationPrincipal SystemPrincipal caller) throws IOException {
        OutgoingDocuments.Accepted accepted;
        if (request instanceof MultipartHttpServletRequest multipart) {
            accepted = outgoing.fromMetadata(caller.system().id(), metadata(multipart), files(multipart));
        } else if (isXml(request.getContentType())) {
            accepted = fromPackage(caller.system().id(), request);
        } else {
            throw new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type is "
                    + request.getContentType() + "; send multipart/form-data (a 'document' JSON part and the files)"
                    + " or application/xml (a ready edXML package)");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", accepted.messageId());
        answer.put("documentId", accepted.documentId());
        if (accepted.duplicate()) {
            answer.put("duplicate", true);
            return ResponseEntity.ok(answer);
        }
        return ResponseEntity.accepted().body(answer);
    }

    /** A ready package, taken to a file as it arrives (up to {@code gateway.axis.max-package-size}), then sent on. */
    private OutgoingDocuments.Accepted fromPackage(String caller, HttpServletRequest request) throws IOException {
        Files.createDirectories(outgoing.workDir());
        Path file = Files.createTempFile(outgoing.workDir(), "received-", ".edxml");
        try {
            try (InputStream in = request.getInputStream();
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                copyAtMost(in, out, maxPackageSize.toBytes());
            }
            return outgoing.fromPackage(caller, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "The package is larger than "
                        + DataSize.ofBytes(limit).toMegabytes() + " MB (gateway.axis.max-package-size)");
            }
            out.write(buffer, 0, n);
        }
    }

    /** {@code POST /api/v1/documents/{documentId}/status}. */
    @PostMapping("/api/v1/documents/{*path}")
    public ResponseEntity<Map<String, Object>> status(@PathVariable String path, HttpServletRequest request,
                                                      @AuthenticationPrincipal SystemPrincipal caller) {
        if (!path.endsWith(STATUS_SUFFIX) || path.length() <= STATUS_SUFFIX.length() + 1) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "No such path: POST /api/v1/documents" + path
                    + " (statuses go to /api/v1/documents/{documentId}/status)");
        }
        String documentId = path.substring(1, path.length() - STATUS_SUFFIX.length());
        String messageId = statuses.report(caller.system().id(), documentId, BoundedBody.readJson(request,
                maxBodySize));
        return ResponseEntity.accepted().body(Map.of("messageId", messageId, "documentId", documentId,
                "state", "ACCEPTED"));
    }

    /** {@code GET /api/v1/documents/{documentId}}: the document's packages, receivers and edXML statuses. */
    @GetMapping("/api/v1/documents/{*documentId}")
    public Map<String, Object> document(@PathVariable String documentId) {
        return views.view(documentId.startsWith("/") ? documentId.substring(1) : documentId);
    }

    private JsonNode metadata(MultipartHttpServletRequest multipart) throws IOException {
        byte[] json;
        MultipartFile part = multipart.getFile("document");
        if (part != null) {
            if (part.getSize() > maxBodySize.toBytes()) {
                throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "The 'document' part (the JSON metadata) is"
                        + " larger than " + maxBodySize.toMegabytes() + " MB (gateway.intake.max-body-size)",
                        List.of(new FieldError("/document", "larger than " + maxBodySize.toMegabytes() + " MB")));
            }
            json = part.getBytes();
        } else if (multipart.getParameter("document") != null) {
            json = multipart.getParameter("document").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The multipart request has no 'document' part"
                    + " with the JSON metadata (schemas/document.schema.json)",
                    List.of(new FieldError("/document", "part is required")));
        }
        return contracts.read(json, JsonContract.DOCUMENT);
    }

    private static Map<String, MultipartFile> files(MultipartHttpServletRequest multipart) {
        Map<String, MultipartFile> files = new LinkedHashMap<>();
        multipart.getMultiFileMap().forEach((name, list) -> {
            if (!"document".equals(name)) {
                for (int i = 0; i < list.size(); i++) {
                    files.put(list.size() == 1 ? name : name + "[" + i + "]", list.get(i));
                }
            }
        });
        return files;
    }

    private static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_XML.isCompatibleWith(type) || MediaType.TEXT_XML.isCompatibleWith(type)
                    || type.getSubtype().endsWith("+xml");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
