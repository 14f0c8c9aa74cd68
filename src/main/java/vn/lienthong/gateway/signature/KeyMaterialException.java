package vn.lienthong.gateway.signature;

/** Key store, certificate or trust-anchor material cannot be loaded or created; a configuration problem, not a message problem. */
public class KeyMaterialException extends RuntimeException {

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyMaterialException(String message) {
        super(message);
    }
}
