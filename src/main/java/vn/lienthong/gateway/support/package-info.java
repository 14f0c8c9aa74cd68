/** Small shared helpers with no domain knowledge (hashing, canonical JSON, the one XML hardening {@code SecureXml}). Depends on nothing else in the gateway. */
package vn.lienthong.gateway.support;
