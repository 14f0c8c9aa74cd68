package vn.lienthong.gateway.contract;

/** The JSON contracts the gateway accepts, each a schema file in {@code schemas/}. */
public enum JsonContract {
    DOSSIER("dossier.schema.json"),
    STATUS_UPDATE("status-update.schema.json"),
    DOCUMENT("document.schema.json"),
    DOCUMENT_STATUS("document-status.schema.json");

    private final String fileName;

    JsonContract(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
