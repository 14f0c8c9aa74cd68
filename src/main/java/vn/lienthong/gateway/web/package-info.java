/**
 * HTTP plumbing shared by every API: bounded body reading, the one mapping of errors to
 * {@code application/problem+json}, and the guard every request meets first (compressed bodies, SOAP body
 * size, {@code %2F} in paths). Depends on {@code error}.
 */
package vn.lienthong.gateway.web;
