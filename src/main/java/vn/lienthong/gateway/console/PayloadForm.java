package vn.lienthong.gateway.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON payload as a form for edit-and-replay: one field per value, named by its JSON Pointer, so the field
 * errors of the check that follows (which name pointers) can be shown beside the field they are about.
 * Each value typed in is read back as the JSON type it had; what cannot be read so stays text, and the check
 * then says so at that field.
 */
final class PayloadForm {

    /** Form parameters that carry a field start with this, followed by the field's pointer. */
    static final String PREFIX = "f";
    /** Longer values (e.g. base64 attachments) are shown as their length and kept as they are. */
    static final int MAX_FIELD = 500;

    /**
     * One value of the payload.
     *
     * @param pointer  its JSON Pointer, e.g. {@code /applicant/idNumber}
     * @param value    its text, or null when it is too long to edit here
     * @param length   the length of its text
     */
    record Field(String pointer, String value, String type, int length) {

        /** The form parameter's name. */
        public String name() {
            return PREFIX + pointer;
        }

        public boolean editable() {
            return value != null;
        }

        public boolean multiline() {
            return value != null && value.length() > 80;
        }
    }

    private PayloadForm() {
    }

    /** The values of a JSON object or array, depth first in document order; empty for anything else. */
    static List<Field> fields(JsonNode root) {
        List<Field> fields = new ArrayList<>();
        if (root != null && root.isContainerNode()) {
            walk(root, "", fields);
        }
        return fields;
    }

    private static void walk(JsonNode node, String pointer, List<Field> fields) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> e = entries.next();
                walk(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), fields);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, fields);
            }
        } else {
            String text = node.isNull() ? "" : node.asText();
            fields.add(new Field(pointer, text.length() > MAX_FIELD ? null : text, node.getNodeType().name(),
                    text.length()));
        }
    }

    /**
     * {@code original} with the submitted values put in: parameter {@code f<pointer>} replaces the value at that
     * pointer, read as the type the original value had. Values not submitted stay as they were.
     */
    static JsonNode apply(JsonNode original, Map<String, String[]> parameters) {
        JsonNode copy = original.deepCopy();
        for (Field field : fields(original)) {
            String[] submitted = parameters.get(field.name());
            if (field.editable() && submitted != null && submitted.length > 0) {
                set(copy, JsonPointer.compile(field.pointer()), typed(submitted[0],
                        original.at(field.pointer()).getNodeType()));
            }
        }
        return copy;
    }

    private static JsonNode typed(String text, JsonNodeType type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String trimmed = text.trim();
        switch (type) {
            case NUMBER:
                try {
                    BigDecimal number = new BigDecimal(trimmed);
                    return number.scale() <= 0 ? nodes.numberNode(number.toBigIntegerExact()) : nodes.numberNode(number);
                } catch (NumberFormatException | ArithmeticException e) {
                    return nodes.textNode(text);
                }
            case BOOLEAN:
                return "true".equals(trimmed) || "false".equals(trimmed) ? nodes.booleanNode(Boolean.parseBoolean(trimmed))
                        : nodes.textNode(text);
            case NULL:
                return trimmed.isEmpty() ? nodes.nullNode() : nodes.textNode(text);
            default:
                return nodes.textNode(text);
        }
    }

    private static void set(JsonNode root, JsonPointer pointer, JsonNode value) {
        JsonNode parent = root.at(pointer.head());
        JsonPointer last = pointer.last();
        if (parent instanceof ObjectNode object) {
            object.set(last.getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array) {
            array.set(last.getMatchingIndex(), value);
        }
    }
}
