/**
 * Reading Consul's JSON the way Consul does: keys matched case-insensitively with snake_case accepted
 * ({@code EnableTagOverride} = {@code enable_tag_override}), and every type error naming its field.
 */
package io.consulate.json;
