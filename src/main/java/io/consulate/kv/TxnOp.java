package io.consulate.kv;

/** One KV operation of a transaction, as Consul's {@code TxnKVOp}: a verb and the entry fields it uses. */
public record TxnOp(String verb, String key, byte[] value, long flags, long index, String session) {}
