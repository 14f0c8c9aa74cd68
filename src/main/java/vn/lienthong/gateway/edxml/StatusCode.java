package vn.lienthong.gateway.edxml;

import java.util.Arrays;
import java.util.Optional;

/** Processing status a receiver reports (trạng thái xử lý văn bản), as {@code StatusCode} 01–16. */
public enum StatusCode {
    /** 01: arrived in the receiver's software, not yet handled by the clerk (đã đến). */
    ARRIVED("01"),
    /** 02: refused by the receiving clerk (từ chối tiếp nhận). */
    REJECTED("02"),
    /** 03: accepted and registered as incoming (đã tiếp nhận). */
    ACCEPTED("03"),
    /** 04: assigned to a handler (phân công). */
    ASSIGNED("04"),
    /** 05: being handled (đang xử lý). */
    IN_PROGRESS("05"),
    /** 06: handling completed (hoàn thành). */
    COMPLETED("06"),
    /** 13: the sender asks to recall or update the document (yêu cầu lấy lại, cập nhật). */
    RECALL_REQUESTED("13"),
    /** 15: the receiver agrees to the recall or update (đồng ý). */
    RECALL_AGREED("15"),
    /** 16: the receiver refuses the recall or update (từ chối). */
    RECALL_REFUSED("16");

    private final String code;

    StatusCode(String code) {
        this.code = code;
    }

    /** The two-digit value written in {@code StatusCode}. */
    public String code() {
        return code;
    }

    public static Optional<StatusCode> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code == null ? null : code.trim())).findFirst();
    }
}
