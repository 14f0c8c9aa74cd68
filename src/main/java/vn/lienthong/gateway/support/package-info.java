/** Small shared helpers with no domain knowledge (hashing, canonical JSON). Depends on nothing else in the gateway. */
package vn.lienthong.gateway.support;
