package vn.lienthong.gateway.edxml;

/** Who signed the document (người ký): competence, position and full name. */
public record SignerInfo(String competence, String position, String fullName) {
}
