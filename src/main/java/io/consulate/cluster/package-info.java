/**
 * The servers' networks: the LAN membership (member records and the Vert.x event bus over Infinispan and
 * JGroups, who is alive, left or failed) and the Raft channel (jgroups-raft: the leader, the log, bootstrap of
 * the group), which the store's write pipeline runs on.
 */
package io.consulate.cluster;
