package vn.lienthong.gateway.edxml;

import java.util.List;

/** A document replaced by this one, and the agencies that had received it. */
public record ReplacementInfo(String documentId, List<String> organIds) {

    public ReplacementInfo {
        organIds = Lists.copy(organIds);
    }
}
