/** The audit log of operator actions (who, what, when, why). Depends on nothing else in the gateway. */
package vn.lienthong.gateway.audit;
