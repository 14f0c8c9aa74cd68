package vn.lienthong.gateway.console;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page being shown, for links to the same page with one parameter changed (next page, other language).
 * After an action (a POST) there is no such page to show again, so those links lead to the overview.
 *
 * @param uri   the request's path and query, as sent (URL-encoded)
 * @param get   whether the page was a GET, which may be asked for again
 */
public record Here(String uri, boolean get) {

    /** This page's address with {@code name} set to {@code value} (plain ASCII, e.g. a page number) and the rest kept. */
    public String with(String name, Object value) {
        return UriComponentsBuilder.fromUriString(get ? uri : "/console/").replaceQueryParam(name, value).build(true)
                .toUriString();
    }
}
