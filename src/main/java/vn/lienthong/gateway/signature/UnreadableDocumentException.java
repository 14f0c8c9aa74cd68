package vn.lienthong.gateway.signature;

/** A document handed in for signing or verification cannot be read safely (hostile or broken XML/PDF); permanent for that message. */
public class UnreadableDocumentException extends RuntimeException {

    public UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
