/**
 * Demo simulators of the national document axis (demo profile only, CONTRACT §6): the axis itself under
 * {@code /sim/axis} (its send, list, get and update-status operations, HMAC-checked, plus the inbox and
 * sent-list hooks) and the agency's document office software under {@code /sim/doc-office}, which answers
 * every delivery through the gateway's documents API as a clerk would. Depends on {@code document} (the
 * axis settings and request signature), {@code edxml}, {@code catalog} and {@code simulator}; nothing
 * else may depend on it.
 */
package vn.lienthong.gateway.simulator.axis;
