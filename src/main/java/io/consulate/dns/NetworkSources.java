package io.consulate.dns;

import io.consulate.query.QueryExecutor;

/**
 * What answers the questions this agent's snapshot alone cannot: other datacenters' names ({@link RemoteCatalogs})
 * and prepared queries, whose failover may ask another datacenter ({@link QueryExecutor}). Both answer
 * asynchronously; neither blocks an event loop.
 */
record NetworkSources(RemoteCatalogs remoteCatalogs, QueryExecutor queries) {}
