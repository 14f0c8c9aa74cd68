/**
 * HTTP plumbing shared by every API: bounded body reading and the one mapping of errors to
 * {@code application/problem+json}. Depends on {@code error}.
 */
package vn.lienthong.gateway.web;
