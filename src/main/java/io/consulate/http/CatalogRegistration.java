package io.consulate.http;

import io.consulate.local.DefinitionDecoder;
import io.consulate.catalog.CheckDefinition;
import io.consulate.catalog.HealthCheck;
import io.consulate.catalog.HealthStatus;
import io.consulate.catalog.Node;
import io.consulate.catalog.ServiceInstance;
import io.consulate.catalog.Weights;
import io.consulate.store.CatalogOp;
import io.consulate.store.Store;
import io.consulate.json.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code PUT /v1/catalog/register} and {@code /deregister}: low-level writes of nodes, services and checks
 * (typically external services), with Consul's request shape and its validation messages (500, as Consul).
 */
final class CatalogRegistration {
  private final Store store;
  private final String datacenter;

  CatalogRegistration(Store store, String datacenter) {
    this.store = store;
    this.datacenter = datacenter;
  }

  /** {@code authz} must be allowed each part of the write, as Consul's vetRegisterWithACL. */
  CompletionStage<Long> register(String body, io.vertx.ext.web.RoutingContext ctx) {
    Fields f = Fields.parse(body);
    String nodeName = f.string("", "Node");
    if (nodeName.isEmpty()) throw new ApiError(500, "Must provide node");
    boolean skipNodeUpdate = f.bool(false, "SkipNodeUpdate");
    String address = f.string("", "Address");
    if (address.isEmpty() && !skipNodeUpdate) throw new ApiError(500, "Must provide address if SkipNodeUpdate is not set");
    Node node = new Node(nodeName, f.string("", "ID"), address, datacenter, f.stringMap("TaggedAddresses"),
        f.stringMap("NodeMeta"), 0, 0);

    Fields svc = f.object("Service");
    ServiceInstance service = svc == null ? null : service(svc, nodeName);
    List<Fields> checkFields = new ArrayList<>();
    Fields single = f.object("Check");
    if (single != null) checkFields.add(single);
    checkFields.addAll(f.objects("Checks"));
    List<HealthCheck> checks = new ArrayList<>();
    for (Fields c : checkFields) checks.add(check(c, nodeName, service));

    Node existing = store.snapshot().node(nodeName);
    boolean nodeChanges = !skipNodeUpdate && (existing == null || !existing.address().equals(address)
        || !existing.meta().equals(node.meta()) || !existing.taggedAddresses().equals(node.taggedAddresses()));
    if (nodeChanges) RequestAcl.nodeWrite(ctx, nodeName);
    if (service != null) {
      RequestAcl.serviceWrite(ctx, service.name());
      ServiceInstance before = store.snapshot().service(nodeName, service.id());
      if (before != null) RequestAcl.serviceWrite(ctx, before.name());
    }
    for (HealthCheck c : checks) {
      if (c.isNodeCheck()) RequestAcl.nodeWrite(ctx, nodeName);
      else RequestAcl.serviceWrite(ctx, c.serviceName());
    }
    return store.catalog(new CatalogOp.Register(node, skipNodeUpdate, service, checks));
  }

  /** A token with node:write may remove anything of the node; else service:write on what it removes. */
  CompletionStage<Long> deregister(String body, io.vertx.ext.web.RoutingContext ctx) {
    Fields f = Fields.parse(body);
    String node = f.string("", "Node");
    if (node.isEmpty()) throw new ApiError(500, "Must provide node");
    String serviceId = f.string("", "ServiceID");
    String checkId = f.string("", "CheckID");
    if (!RequestAcl.authz(ctx).nodeWrite(node)) {
      ServiceInstance s = serviceId.isEmpty() ? null : store.snapshot().service(node, serviceId);
      HealthCheck c = checkId.isEmpty() ? null : store.snapshot().checksOnNode(node).stream()
          .filter(x -> x.checkId().equals(checkId)).findFirst().orElse(null);
      if (s != null) RequestAcl.serviceWrite(ctx, s.name());
      else if (c != null && !c.isNodeCheck()) RequestAcl.serviceWrite(ctx, c.serviceName());
      else RequestAcl.nodeWrite(ctx, node);
    }
    return store.catalog(new CatalogOp.Deregister(node, serviceId, checkId));
  }

  /** {@code structs.NodeService} as a request gives it; its {@code ModifyIndex} is kept (a txn's CAS index). */
  static ServiceInstance service(Fields svc, String nodeName) {
    String name = svc.string("", "Service");
    String id = svc.string(name, "ID");
    if (name.isEmpty()) throw new ApiError(500, "Must provide service name with ID");
    Fields w = svc.object("Weights");
    Weights weights = w == null ? Weights.DEFAULT : new Weights(w.integer(1, "Passing"), w.integer(1, "Warning"));
    return new ServiceInstance(nodeName, id, name, svc.strings("Tags"), svc.string("", "Address"),
        svc.integer(0, "Port"), svc.stringMap("Meta"), weights, svc.bool(false, "EnableTagOverride"), 0,
        svc.longValue(0, "ModifyIndex"));
  }

  /** {@code structs.HealthCheck} as a request gives it; its {@code ModifyIndex} is kept (a txn's CAS index). */
  static HealthCheck check(Fields c, String nodeName, ServiceInstance service) {
    String name = c.string("", "Name");
    String id = c.string(name, "CheckID", "ID");
    if (id.isEmpty()) throw new ApiError(500, "Must provide check ID or name");
    String status = c.string("critical", "Status");
    HealthStatus parsed;
    try {
      parsed = HealthStatus.of(status);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Invalid check status: '" + status + "'");
    }
    String serviceId = c.string("", "ServiceID");
    String serviceName = service != null && service.id().equals(serviceId) ? service.name() : "";
    Fields d = c.object("Definition");
    CheckDefinition def = d == null ? CheckDefinition.NONE : DefinitionDecoder.definition(d);
    return new HealthCheck(nodeName, id, name, parsed, c.string("", "Notes"), c.string("", "Output"), serviceId,
        serviceName, List.of(), c.string(def.type(), "Type"), def, 0, c.longValue(0, "ModifyIndex"));
  }
}
