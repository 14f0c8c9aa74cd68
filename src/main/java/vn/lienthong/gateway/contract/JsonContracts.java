package vn.lienthong.gateway.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.i18n.DefaultMessageSource;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.Sha256;

/**
 * Reads untrusted JSON (strictly: no duplicate keys, bounded depth) and checks it against a contract,
 * turning every problem into field errors that name the JSON Pointer and the reason.
 */
@Component
public class JsonContracts {

    private static final java.util.Locale VIETNAMESE = java.util.Locale.forLanguageTag("vi");

    private final ObjectMapper strictMapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final ObjectMapper canonicalMapper = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private final Map<JsonContract, JsonSchema> schemas = new EnumMap<>(JsonContract.class);

    public JsonContracts(GatewayProperties properties) {
        strictMapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(64 * 1024 * 1024).build());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        Path dir = properties.schemas().directory();
        for (JsonContract contract : JsonContract.values()) {
            Path file = dir.resolve(contract.fileName());
            try (InputStream in = Files.newInputStream(file)) {
                schemas.put(contract, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Parses {@code body} strictly and validates it; throws MALFORMED_REQUEST or VALIDATION_FAILED. */
    public JsonNode read(byte[] body, JsonContract contract) {
        JsonNode node = parse(body);
        List<FieldError> errors = validate(node, contract);
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, errors.size() == 1
                    ? "The " + label(contract) + " has 1 invalid field: " + errors.get(0).pointer() + " "
                    + errors.get(0).message()
                    : "The " + label(contract) + " has " + errors.size() + " invalid fields", errors);
        }
        return node;
    }

    /** Parses JSON, refusing duplicate keys, trailing content and excessive nesting. */
    public JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; a JSON object is expected",
                    List.of(new FieldError("", "empty body", "nội dung trống")));
        }
        try {
            JsonNode node = strictMapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object",
                        List.of(new FieldError("", "expected a JSON object", "cần một đối tượng JSON")));
            }
            return node;
        } catch (NumberFormatException e) {
            // Found by fuzzing: a number such as 1E2222222222 passes the length limit but no BigDecimal holds it.
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body holds a number that cannot be"
                    + " read: " + firstLine(e.getMessage()), List.of(new FieldError("", "unreadable number",
                    "có một số không đọc được")), e);
        } catch (StreamConstraintsException e) {
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The JSON exceeds a safety limit: "
                    + e.getOriginalMessage(), List.of(new FieldError("", e.getOriginalMessage(),
                    "JSON vượt giới hạn an toàn: " + e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            String whereVi = e.getLocation() == null ? "" : "dòng " + e.getLocation().getLineNr() + ", cột "
                    + e.getLocation().getColumnNr() + ": ";
            String reason = e instanceof JsonParseException && e.getOriginalMessage() != null
                    ? e.getOriginalMessage() : String.valueOf(e.getOriginalMessage());
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON (UTF-8): "
                    + where + firstLine(reason), List.of(new FieldError("", where + firstLine(reason),
                    "JSON không hợp lệ, " + whereVi + firstLine(reason))), e);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.MALFORMED_REQUEST, "The request body cannot be read as UTF-8 JSON: "
                    + firstLine(e.getMessage()), List.of(new FieldError("", firstLine(e.getMessage()))), e);
        }
    }

    /** Field errors of {@code node} against {@code contract} and {@link HostileContent}, sorted by pointer; empty when valid. */
    public List<FieldError> validate(JsonNode node, JsonContract contract) {
        Set<ValidationMessage> messages = schemas.get(contract).validate(node);
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String pointer = m.getInstanceLocation().toString();
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                pointer = pointer + "/" + m.getProperty();
            }
            String text = m.getMessage();
            // networknt prefixes the message with the location; the pointer already says where.
            String prefix = m.getInstanceLocation().toString() + ": ";
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
            errors.add(new FieldError(pointer, text, vietnamese(m)));
        }
        if (errors.isEmpty()) {
            // What the schema cannot say: control characters, file names, declared SHA-256 (HostileContent).
            errors.addAll(HostileContent.problems(node));
        }
        errors.sort(Comparator.comparing(FieldError::pointer).thenComparing((FieldError f) -> f.message()));
        return errors;
    }

    /** SHA-256 of the canonical form (keys sorted, no white space), so formatting does not change identity. */
    public String contentHash(JsonNode node) {
        try {
            return Sha256.hex(canonicalMapper.writeValueAsBytes(canonicalMapper.treeToValue(node, Object.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    /**
     * The validator's own Vietnamese wording of {@code m} (its {@code jsv-messages_vi} bundle), without the location
     * prefix, or null when it has none.
     */
    private static String vietnamese(ValidationMessage m) {
        if (m.getMessageKey() == null) {
            return null;
        }
        Object[] arguments = m.getArguments() == null ? new Object[0] : m.getArguments();
        Object[] withLocation = new Object[arguments.length + 1];
        withLocation[0] = m.getInstanceLocation();
        System.arraycopy(arguments, 0, withLocation, 1, arguments.length);
        try {
            String text = DefaultMessageSource.getInstance().getMessage(m.getMessageKey(), VIETNAMESE, withLocation);
            String prefix = m.getInstanceLocation() + ": ";
            return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
        } catch (RuntimeException e) {
            return null; // a key the bundle lacks: the English message stands
        }
    }

    private static String label(JsonContract contract) {
        return contract.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
