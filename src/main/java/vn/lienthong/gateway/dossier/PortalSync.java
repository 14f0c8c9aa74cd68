package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.tracking.MessageIds;

/**
 * Keeps the national public service portal (Cổng Dịch vụ công quốc gia) in step: one "sync dossier"
 * call ({@code DongBoHoSoMC}) per new dossier, then one "progress update" ({@code CapNhatTienDoHoSoMC})
 * per status, with the portal's own field names and dates as {@code yyyyMMddHHmmss} (Vietnam time).
 * Nothing is sent when no {@code national-portal} system is configured. The messages travel through the
 * same retry and dead-letter machinery as every delivery, in order per dossier.
 */
@Component
public class PortalSync {

    public static final String FLOW_SYNC = "portal-sync";
    public static final String FLOW_PROGRESS = "portal-progress";
    static final DateTimeFormatter PORTAL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Catalog catalog;
    private final ObjectMapper mapper;

    public PortalSync(Catalog catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    private Optional<ConnectedSystem> portal() {
        return catalog.systems().stream().filter(s -> s.kind() == SystemKind.NATIONAL_PORTAL).findFirst();
    }

    /**
     * The sync call for a newly received dossier (the canonical dossier JSON), with its legal due date: the
     * one-stop software's appointment, or the gateway's own when it sent none.
     */
    public List<Dispatch> newDossier(JsonNode dossier, String intakeMessageId, OffsetDateTime dueAt) {
        return sync(dossier, DossierStatus.REGISTERED, dueAt, intakeMessageId);
    }

    /**
     * The sync call again for a revision that moved the appointment (ngày hẹn trả): the portal keys the dossier by
     * MaHoSo, so it takes the new NgayHenTra; TrangThaiHoSo is the dossier's state ({@code state}) now.
     */
    public List<Dispatch> dossierChanged(JsonNode dossier, String revisionMessageId, String state,
                                         OffsetDateTime dueAt) {
        return sync(dossier, DossierStatus.valueOf(state), dueAt, revisionMessageId);
    }

    private List<Dispatch> sync(JsonNode dossier, DossierStatus status, OffsetDateTime dueAt, String messageId) {
        return portal().map(portal -> {
            ObjectNode item = mapper.createObjectNode();
            String code = dossier.path("dossierCode").asText();
            item.put("MaHoSo", code);
            item.put("MaTTHC", dossier.path("procedureCode").asText());
            item.put("TenTTHC", dossier.path("procedureName").asText(""));
            item.put("MaCoQuan", dossier.path("receivingAgency").asText());
            JsonNode applicant = dossier.path("applicant");
            item.put("ChuHoSo", applicant.path("name").asText());
            item.put("LoaiDoiTuong", "ORGANIZATION".equals(applicant.path("type").asText()) ? 2 : 1);
            item.put("SoGiayToChuHoSo", applicant.path("idNumber").asText(""));
            item.put("TrichYeuHoSo", dossier.path("summary").asText(""));
            item.put("NgayTiepNhan", portalTime(dossier.path("receivedAt").asText()));
            item.put("NgayHenTra", dueAt == null ? "" : portalTime(dueAt));
            item.put("TrangThaiHoSo", status.code());
            item.put("KenhThucHien", switch (dossier.path("channel").asText()) {
                case "DIRECT" -> 1;
                case "POSTAL" -> 2;
                default -> 3;
            });
            return List.of(dispatch(portal, FLOW_SYNC, "DongBoHoSoMC", item, code,
                    MessageIds.portal("sync", messageId)));
        }).orElse(List.of());
    }

    /** The progress call for a department status. */
    public List<Dispatch> progress(String dossierCode, String system, DossierStatus status, JsonNode update,
                                   String statusMessageId) {
        return portal().map(portal -> {
            ObjectNode item = mapper.createObjectNode();
            item.put("MaHoSo", dossierCode);
            item.put("TrangThaiHoSo", status.code());
            item.put("NgayCapNhat", portalTime(update.path("at").asText()));
            item.put("MaCoQuanXuLy", catalog.system(system).map(ConnectedSystem::agencyCode).orElse(""));
            item.put("CanBoXuLy", update.path("handler").asText(""));
            item.put("NoiDungXuLy", update.path("note").asText(status.name()));
            return List.of(dispatch(portal, FLOW_PROGRESS, "CapNhatTienDoHoSoMC", item, dossierCode,
                    MessageIds.portal("progress", statusMessageId)));
        }).orElse(List.of());
    }

    private Dispatch dispatch(ConnectedSystem portal, String flow, String service, ObjectNode item, String code,
                              String id) {
        ObjectNode body = mapper.createObjectNode();
        body.put("service", service);
        ArrayNode data = body.putArray("data");
        data.add(item);
        // Derived from the source message (MessageIds), so a redelivered source yields the same Idempotency-Key.
        return new Dispatch(portal.id(), flow, id, code, body.toString());
    }

    /** ISO-8601 with offset to the portal's {@code yyyyMMddHHmmss} in Vietnam time; blank when absent. */
    static String portalTime(String isoOffsetDateTime) {
        if (isoOffsetDateTime == null || isoOffsetDateTime.isBlank()) {
            return "";
        }
        return portalTime(OffsetDateTime.parse(isoOffsetDateTime));
    }

    static String portalTime(OffsetDateTime time) {
        return time.atZoneSameInstant(VIETNAM).format(PORTAL_TIME);
    }
}
