/**
 * Who may call the gateway: connected systems by API key ({@code X-Api-Key}) or TLS client certificate, operators
 * by HTTP Basic, form login or (when configured) their agency's OpenID Connect provider, with the roles VIEWER,
 * OPERATOR and ADMIN. Depends on {@code catalog}, {@code error} and {@code support}.
 */
package vn.lienthong.gateway.security;
