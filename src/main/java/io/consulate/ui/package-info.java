/**
 * The web UI: its assets (served from the jar at {@code /ui/}), the summary endpoints it pages through
 * ({@code /v1/internal/ui/services}, {@code /v1/internal/ui/nodes}, in Consul's shapes), the feed of recent
 * catalog changes and the one event stream per browser tab that tells a page to refresh; each shows only what the
 * request's ACL token may read.
 */
package io.consulate.ui;
