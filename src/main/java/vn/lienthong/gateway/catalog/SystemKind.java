package vn.lienthong.gateway.catalog;

/** What role a connected system plays towards the gateway. */
public enum SystemKind {
    ONE_STOP("one-stop"),
    DEPARTMENT("department"),
    NATIONAL_AXIS("national-axis"),
    DOCUMENT_OFFICE("document-office"),
    /** The national public service portal (Cổng Dịch vụ công quốc gia), which follows every dossier. */
    NATIONAL_PORTAL("national-portal");

    private final String configName;

    SystemKind(String configName) {
        this.configName = configName;
    }

    /** The spelling used in {@code config/systems/*.yml}. */
    public String configName() {
        return configName;
    }
}
