/**
 * The catalog of connected systems and procedure routes, read from {@code config/systems/*.yml} and
 * {@code config/procedures/*.yml} at start-up. Onboarding a system is configuration, never Java.
 * {@code ConfigCheck} is the configuration check ({@code --check-config}), run at start-up too.
 * {@code Connectors} is the one rule from a system file to its connector's kamelet URIs (it reads the kamelets'
 * declared parameters from {@code routes/kamelets/}).
 * Depends only on {@code error} and {@code support} (hardened XML, to read WSDLs).
 */
package vn.lienthong.gateway.catalog;
