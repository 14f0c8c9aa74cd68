package vn.lienthong.gateway.edxml;

import java.util.List;

/** The hops of a package and its business action ({@code TraceHeaderList}). */
public record TraceHeaderList(List<TraceHeader> traceHeaders, Bussiness bussiness) {

    public TraceHeaderList {
        traceHeaders = Lists.copy(traceHeaders);
    }
}
