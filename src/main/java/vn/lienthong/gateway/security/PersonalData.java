package vn.lienthong.gateway.security;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Applicants' personal data (dữ liệu cá nhân): identity numbers (CCCD/CMND), phone numbers and e-mail addresses,
 * masked wherever someone who may not see them could: in log lines, and in what a VIEWER is shown. Only the last
 * digits stay, enough for an operator to tell two applicants apart on the telephone.
 */
public final class PersonalData {

    /** Fields that hold personal data, by their name in the gateway's JSON and in the national portal's sync. */
    private static final Map<String, Kind> FIELDS = Map.of(
            "idnumber", Kind.ID_NUMBER, "sogiaytochuhoso", Kind.ID_NUMBER,
            "phone", Kind.PHONE, "mobile", Kind.PHONE, "telephone", Kind.PHONE, "sodienthoai", Kind.PHONE,
            "email", Kind.EMAIL, "thudientu", Kind.EMAIL);
    /** A CMND (9 digits) or CCCD (12 digits) standing alone in free text. */
    private static final Pattern ID_IN_TEXT = Pattern.compile("(?<![\\d.\\-])(\\d{9}|\\d{12})(?![\\d.\\-])");
    /** A Vietnamese mobile or landline number in free text: 0 or +84, then 9 or 10 digits, spaces or dots allowed. */
    private static final Pattern PHONE_IN_TEXT = Pattern.compile(
            "(?<![\\d.\\-])(?:\\+84|0)(?:[ .]?\\d){8,10}(?![\\d.\\-])");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+");

    private enum Kind { ID_NUMBER, PHONE, EMAIL }

    private PersonalData() {
    }

    /** {@code 075190001234} → {@code *********234}. */
    public static String maskIdNumber(String value) {
        return keepLast(value, 3);
    }

    /** {@code 0918535758} → {@code *******758}. */
    public static String maskPhone(String value) {
        return keepLast(value, 3);
    }

    /** {@code tram.nguyen@example.vn} → {@code t**********@example.vn}: the domain says which organisation. */
    public static String maskEmail(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        if (at <= 0) {
            return keepLast(value, 0);
        }
        return value.charAt(0) + "*".repeat(at - 1) + value.substring(at);
    }

    /** Masks, in place, every personal-data field of a JSON tree (the dossier, a payload, a portal sync). */
    public static JsonNode maskJson(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Kind kind = FIELDS.get(field.getKey().toLowerCase(Locale.ROOT));
                if (kind != null && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(new TextNode(mask(kind, field.getValue().asText())));
                } else {
                    maskJson(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(PersonalData::maskJson);
        }
        return node;
    }

    /** Masks identity numbers, phone numbers and e-mail addresses found in free text, such as a log line. */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(EMAIL_IN_TEXT, text, PersonalData::maskEmail);
        masked = replace(PHONE_IN_TEXT, masked, PersonalData::maskPhone);
        return replace(ID_IN_TEXT, masked, PersonalData::maskIdNumber);
    }

    private static String mask(Kind kind, String value) {
        return switch (kind) {
            case ID_NUMBER -> maskIdNumber(value);
            case PHONE -> maskPhone(value);
            case EMAIL -> maskEmail(value);
        };
    }

    private static String replace(Pattern pattern, String text, java.util.function.UnaryOperator<String> masker) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(masker.apply(matcher.group())));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every letter or digit but the last {@code visible} ones becomes {@code *}; separators stay as they are. */
    private static String keepLast(String value, int visible) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value);
        int seen = 0;
        for (int i = out.length() - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(out.charAt(i)) && seen++ >= visible) {
                out.setCharAt(i, '*');
            }
        }
        return out.toString();
    }
}
