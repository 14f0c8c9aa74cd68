/**
 * The gateway's JSON contracts: hardened JSON reading and validation against the schemas in
 * {@code schemas/}, with field-level errors. Depends on {@code error} and {@code support}.
 */
package vn.lienthong.gateway.contract;
