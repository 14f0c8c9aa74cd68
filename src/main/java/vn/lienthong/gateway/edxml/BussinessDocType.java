package vn.lienthong.gateway.edxml;

import java.util.Arrays;
import java.util.Optional;

/** What a package does to a document (loại nghiệp vụ); the standard spells it "Bussiness". */
public enum BussinessDocType {
    /** 0: a new electronic document. */
    NEW("0"),
    /** 1: recall (thu hồi) of a document already sent. */
    RECALL("1"),
    /** 2: update (cập nhật) of a document already sent. */
    UPDATE("2"),
    /** 3: replacement (thay thế) of a document already sent. */
    REPLACE("3");

    private final String code;

    BussinessDocType(String code) {
        this.code = code;
    }

    /** The value written in {@code BussinessDocType}. */
    public String code() {
        return code;
    }

    public static Optional<BussinessDocType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code == null ? null : code.trim())).findFirst();
    }
}
