package vn.lienthong.gateway.edxml;

import java.util.List;
import java.util.Optional;

/** An edXML status message (gói tin trạng thái): a receiver's progress on a document it got. */
public record EdxmlStatus(Organization from, ResponseFor responseFor, StaffInfo staffInfo, String statusCode,
                          String description, String timestamp, TraceHeaderList traceHeaderList,
                          List<XmlElement> unknownElements, XmlElement signature,
                          List<XmlElement> unknownHeaderElements) implements EdxmlMessage {

    public EdxmlStatus {
        unknownElements = Lists.copy(unknownElements);
        unknownHeaderElements = Lists.copy(unknownHeaderElements);
    }

    /** The typed status; empty when the value is not a known code (the validator reports it). */
    public Optional<StatusCode> status() {
        return StatusCode.fromCode(statusCode);
    }
}
