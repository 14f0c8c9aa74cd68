/**
 * Who may call the gateway: connected systems by API key ({@code X-Api-Key}), operators by HTTP Basic
 * or form login with the roles VIEWER, OPERATOR and ADMIN. Depends on {@code catalog} and {@code error}.
 */
package vn.lienthong.gateway.security;
