/**
 * Demo simulators (demo profile only, CONTRACT §6): the one-stop software receiving callbacks, and the
 * three departments over their own protocols, each with a {@code mode} switch (up, down, slow, reject).
 * In demo each department answers a delivery by reporting IN_PROGRESS then COMPLETED through its own
 * channel. Depends on {@code catalog} and {@code support}; nothing else may depend on it.
 */
package vn.lienthong.gateway.simulator;
