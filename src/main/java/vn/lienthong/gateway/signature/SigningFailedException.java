package vn.lienthong.gateway.signature;

/** The gateway could not sign a document with its own key; points at key material or a library problem on our side. */
public class SigningFailedException extends RuntimeException {

    public SigningFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
