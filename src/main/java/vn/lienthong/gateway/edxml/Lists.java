package vn.lienthong.gateway.edxml;

import java.util.List;

/** Null-tolerant defensive copy for record lists: absent and empty mean the same in edXML. */
final class Lists {

    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
