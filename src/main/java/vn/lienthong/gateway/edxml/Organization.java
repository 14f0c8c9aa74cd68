package vn.lienthong.gateway.edxml;

import java.util.List;

/** An agency (cơ quan) as sender ({@code From}) or receiver ({@code To}) of a package. */
public record Organization(String organId, String organizationInCharge, String organName, String organAdd,
                           String email, String telephone, String fax, String website,
                           List<XmlElement> unknownElements) {

    public Organization {
        unknownElements = Lists.copy(unknownElements);
    }

    /** An agency with identifier and name only, as a builder would start. */
    public static Organization of(String organId, String organName) {
        return new Organization(organId, null, organName, null, null, null, null, null, List.of());
    }
}
