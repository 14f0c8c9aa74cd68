package vn.lienthong.gateway.edxml;

/** The earlier document a document or status answers (văn bản được phản hồi). */
public record ResponseFor(String organId, String code, String promulgationDate, String documentId) {
}
