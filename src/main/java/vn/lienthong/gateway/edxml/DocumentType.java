package vn.lienthong.gateway.edxml;

/** Kind of document (loại văn bản): {@code Type}, the optional {@code TypeDetail}, {@code TypeName}. */
public record DocumentType(String type, String typeDetail, String typeName) {
}
