package vn.lienthong.gateway.edxml;

/** The document number (số, ký hiệu văn bản): {@code CodeNumber} and {@code CodeNotation}. */
public record Code(String codeNumber, String codeNotation) {

    /** As written on the document and in {@code ResponseFor/Code}: {@code 7816/VPCP-TTĐT}. */
    public String display() {
        if (codeNotation == null || codeNotation.isEmpty()) {
            return codeNumber;
        }
        return (codeNumber == null ? "" : codeNumber) + "/" + codeNotation;
    }
}
