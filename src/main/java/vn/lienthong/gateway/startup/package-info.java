/**
 * What runs before any bean is created: the configuration check (every system and procedure file, every problem
 * named by file and line) and, outside the demo, the production safety check (no demo secret). A failure stops
 * start-up with one list of problems and no stack trace. Depends on {@code catalog} and {@code security}.
 */
package vn.lienthong.gateway.startup;
