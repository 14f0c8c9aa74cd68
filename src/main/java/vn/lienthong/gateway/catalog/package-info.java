/**
 * The catalog of connected systems and procedure routes, read from {@code config/systems/*.yml} and
 * {@code config/procedures/*.yml} at start-up. Onboarding a system is configuration, never Java.
 * Depends only on {@code error}.
 */
package vn.lienthong.gateway.catalog;
