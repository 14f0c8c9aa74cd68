/**
 * The gateway's one vocabulary of error codes, each transient or permanent, and the single place
 * where they are mapped to HTTP problem responses. Depends only on {@code support} (the XML hardening).
 */
package vn.lienthong.gateway.error;
