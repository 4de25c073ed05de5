package io.consulate.acl;

/** One named rule of a policy: {@code key_prefix "foo/" { policy = "write" }} is (KEY, "foo/", prefix, WRITE). */
record Rule(Resource resource, String name, boolean prefix, AccessLevel access) {}
