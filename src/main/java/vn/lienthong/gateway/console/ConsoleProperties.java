package vn.lienthong.gateway.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the operator console.
 *
 * @param idleTimeout a console session without an operator's own request for this long ends (live refreshes
 *                    do not count); default 30 minutes
 * @param refresh     how often the overview refreshes itself; default 10 seconds
 * @param pageSize    rows per page in lists; default 50
 * @param exportLimit at most this many rows in one CSV export; default 100,000
 */
@ConfigurationProperties("gateway.console")
public record ConsoleProperties(Duration idleTimeout, Duration refresh, Integer pageSize, Integer exportLimit) {

    public ConsoleProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        refresh = refresh == null ? Duration.ofSeconds(10) : refresh;
        pageSize = pageSize == null ? 50 : pageSize;
        exportLimit = exportLimit == null ? 100_000 : exportLimit;
    }
}
