package vn.lienthong.gateway.contract;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.support.Sha256;

/**
 * Checks a JSON schema cannot express, applied to every contract after its schema: no C0 control character
 * in any text (XML 1.0 cannot carry them, so a department would only fail later), file names that cannot
 * climb out of a folder or name a device, and a declared SHA-256 that matches the content it describes.
 */
public final class HostileContent {

    /** Arrays whose items are files with a {@code name}: dossier documents, status results. */
    private static final Set<String> FILE_ARRAYS = Set.of("documents", "results");

    /** Windows device names, refused with or without an extension (a department may store files on Windows). */
    private static final Pattern RESERVED = Pattern.compile(
            "^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]|CONIN\\$|CONOUT\\$)(\\..*)?$", Pattern.CASE_INSENSITIVE);

    private HostileContent() {
    }

    /** Every problem of {@code node}, each naming its JSON Pointer; empty when there is none. */
    public static List<FieldError> problems(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        walk(node, "", null, errors);
        return errors;
    }

    /** Why {@code name} is not acceptable as a file name, or null when it is. */
    public static String fileNameProblem(String name) {
        String[] problem = fileNameProblems(name);
        return problem == null ? null : problem[0];
    }

    /** Why {@code name} is not acceptable as a file name, in English then in Vietnamese; null when it is. */
    private static String[] fileNameProblems(String name) {
        if (name.isEmpty()) {
            return new String[] {"a file name must not be empty", "tên tệp không được để trống"};
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return new String[] {"a file name must not contain a path separator ('/' or '\\')",
                    "tên tệp không được chứa dấu phân cách thư mục ('/' hoặc '\\')"};
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return new String[] {"a file name must not be an absolute path (drive letter)",
                    "tên tệp không được là đường dẫn tuyệt đối (có ký hiệu ổ đĩa)"};
        }
        if (name.equals(".") || name.equals("..")) {
            return new String[] {"a file name must not be '.' or '..'", "tên tệp không được là '.' hoặc '..'"};
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return new String[] {"a file name must not contain control characters",
                        "tên tệp không được chứa ký tự điều khiển"};
            }
        }
        if (RESERVED.matcher(name).matches()) {
            return new String[] {"'" + name + "' is a reserved device name",
                    "'" + name + "' là tên thiết bị dành riêng của hệ điều hành"};
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return new String[] {"a file name must not end with '.' or a space",
                    "tên tệp không được kết thúc bằng dấu '.' hoặc khoảng trắng"};
        }
        return null;
    }

    private static void walk(JsonNode node, String pointer, String parentArray, List<FieldError> errors) {
        if (node.isTextual()) {
            int at = firstControl(node.textValue());
            if (at >= 0) {
                int c = node.textValue().charAt(at);
                errors.add(new FieldError(pointer, String.format(Locale.ROOT,
                        "contains the control character U+%04X at position %d; text fields may not carry C0"
                                + " control characters (only tab, line feed and carriage return)", c, at),
                        String.format(Locale.ROOT, "chứa ký tự điều khiển U+%04X ở vị trí %d; trường văn bản không"
                                + " được chứa ký tự điều khiển C0 (chỉ cho phép tab, xuống dòng)", c, at)));
            }
        } else if (node.isArray()) {
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, name, errors);
            }
        } else if (node.isObject()) {
            if (parentArray != null && FILE_ARRAYS.contains(parentArray)) {
                checkFile(node, pointer, errors);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), pointer + "/" + escape(field.getKey()), null, errors);
            }
        }
    }

    private static void checkFile(JsonNode file, String pointer, List<FieldError> errors) {
        JsonNode name = file.get("name");
        if (name != null && name.isTextual()) {
            String[] problem = fileNameProblems(name.textValue());
            if (problem != null && firstControl(name.textValue()) < 0) {
                errors.add(new FieldError(pointer + "/name", problem[0], problem[1]));
            }
        }
        JsonNode content = file.get("content");
        JsonNode sha256 = file.get("sha256");
        if (content != null && content.isTextual() && sha256 != null && sha256.isTextual()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(content.textValue());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(pointer + "/content", "is not valid base64: " + e.getMessage(),
                        "không phải base64 hợp lệ: " + e.getMessage()));
                return;
            }
            String actual = Sha256.hex(bytes);
            if (!actual.equalsIgnoreCase(sha256.textValue())) {
                errors.add(new FieldError(pointer + "/sha256", "does not match the content: the content's SHA-256"
                        + " is " + actual, "không khớp với nội dung: SHA-256 của nội dung là " + actual));
            }
        }
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
