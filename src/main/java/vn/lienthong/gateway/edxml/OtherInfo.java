package vn.lienthong.gateway.edxml;

import java.util.List;

/** Secondary document data (thông tin khác): priority, circulation, typist, copies, pages, appendixes. */
public record OtherInfo(String priority, String sphereOfPromulgation, String typerNotation,
                        String promulgationAmount, String pageAmount, String direction,
                        List<String> appendixes, List<XmlElement> unknownElements) {

    public OtherInfo {
        appendixes = Lists.copy(appendixes);
        unknownElements = Lists.copy(unknownElements);
    }
}
