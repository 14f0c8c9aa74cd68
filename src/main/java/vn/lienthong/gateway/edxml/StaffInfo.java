package vn.lienthong.gateway.edxml;

/** The clerk (cán bộ, văn thư) who handled the document or status. */
public record StaffInfo(String department, String staff, String email, String mobile) {
}
