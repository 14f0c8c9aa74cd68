/**
 * Digital signatures (chữ ký số) of what the gateway exchanges: XMLDSig signing and verification of
 * edXML packages, PAdES/CMS verification of PDF attachments, agency key material and trust anchors,
 * and the {@link vn.lienthong.gateway.signature.SignatureReport} that says what was found.
 *
 * <p>This package is a plain library: it depends on nothing else in the gateway but {@code support}
 * (the one XML hardening) and otherwise only on Apache
 * Santuario, PDFBox, BouncyCastle and the JDK), creates no Spring beans and changes no JVM-wide
 * state (BouncyCastle is used as a provider instance, never registered). The application wires it.
 */
package vn.lienthong.gateway.signature;
