/**
 * What operators and their monitoring see of the running gateway from outside: the {@code gateway_*} metrics
 * on {@code /actuator/prometheus} that are not counted where the work happens (per-system gauges refreshed on a
 * schedule, delivery latency and retries, intake answers by status), and tracing through OpenTelemetry, off by
 * default. The Grafana dashboard and Prometheus alert rules over these metrics are in {@code docs/ops/}.
 * Depends on {@code catalog}, {@code delivery}, {@code security} and {@code tracking}.
 */
package vn.lienthong.gateway.observability;
