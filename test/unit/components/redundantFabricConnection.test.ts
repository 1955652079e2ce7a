import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { RedundantFabricConnectionArgs } from "../../../components/redundantFabricConnection";

const ALIBABA = "4c4b8edf-873b-4c6c-805a-edb2c335bd6c";

function toAlibaba(): RedundantFabricConnectionArgs {
  return {
    bandwidth: 200,
    notifications: ["noc@example.com"],
    serviceProfile: { uuid: ALIBABA, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: "1956030" },
    primary: { aSide: { port: { uuid: "port-pri", type: "DOT1Q", vlanTag: 774 } } },
    secondary: { aSide: { port: { uuid: "port-sec", type: "QINQ", vlanSTag: 774, vlanCTag: 775 } } },
  };
}

describe("components.RedundantFabricConnection", () => {
  let validate: typeof import("../../../components/redundantFabricConnection").validateRedundantPair;
  let Component: typeof import("../../../components/redundantFabricConnection").RedundantFabricConnection;
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: `${args.name}-id`, state: { ...args.inputs, redundancyGroup: "group-1" } };
        },
        call: () => ({}),
      },
      "components-test",
      "unit",
      false,
    );
    // Import only after the mocks are set, as Pulumi's own component tests do.
    ({ validateRedundantPair: validate, RedundantFabricConnection: Component } = await import("../../../components/redundantFabricConnection"));
  });

  describe("validation, before anything is created", () => {
    it("accepts a DOT1Q primary and a QINQ secondary to the Alibaba profile", () => {
      assert.deepEqual(validate(toAlibaba()), []);
    });

    it("rejects the same port for both legs, naming both fields", () => {
      const a = toAlibaba();
      a.secondary.aSide.port = { uuid: "port-pri", type: "DOT1Q", vlanTag: 775 };
      const errors = validate(a);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /secondary\.aSide\.port\.uuid must differ from primary\.aSide\.port\.uuid/);
    });

    it("checks each leg's VLANs against its port type", () => {
      const a = toAlibaba();
      a.secondary.aSide.port = { uuid: "port-sec", type: "QINQ", vlanSTag: 774 };
      a.primary.aSide.port = { uuid: "port-pri", type: "DOT1Q", vlanSTag: 10 };
      const errors = validate(a).join("\n");
      assert.match(errors, /secondary\.aSide\.port\.vlanCTag is required for a QINQ port when the other end is a service profile/);
      assert.match(errors, /primary\.aSide\.port\.vlanTag is required for a DOT1Q port/);
      assert.match(errors, /primary\.aSide\.port\.vlanSTag applies to QINQ ports only/);
    });

    it("port-to-port pairs: distinct Z ports, and the Dot1Q->QinQ C-tag rule", () => {
      const errors = validate({
        bandwidth: 500,
        notifications: ["noc@example.com"],
        primary: { aSide: { port: { uuid: "a1", type: "DOT1Q", vlanTag: 874 } }, zSidePort: { uuid: "z1", type: "QINQ", vlanSTag: 762 } },
        secondary: { aSide: { port: { uuid: "a2", type: "DOT1Q", vlanTag: 738 } }, zSidePort: { uuid: "z1", type: "QINQ", vlanSTag: 421, vlanCTag: 864 } },
      }).join("\n");
      assert.match(errors, /primary\.zSidePort\.vlanCTag is required for a QINQ port when the other end is a DOT1Q port/);
      assert.match(errors, /secondary\.zSidePort\.uuid must differ from primary\.zSidePort\.uuid/);
    });

    it("a leg cannot end both at the profile and at a port, nor nowhere", () => {
      const a = toAlibaba();
      a.primary.zSidePort = { uuid: "z", type: "DOT1Q", vlanTag: 5 };
      assert.match(validate(a).join("\n"), /primary\.zSidePort conflicts with serviceProfile/);
      const b = toAlibaba();
      delete b.serviceProfile;
      assert.match(validate(b).join("\n"), /primary\.zSidePort is required when serviceProfile is not set/);
    });

    it("a service token cannot be redeemed by both legs", () => {
      const a = toAlibaba();
      a.primary.aSide = { serviceToken: { uuid: "tok" } };
      a.secondary.aSide = { serviceToken: { uuid: "tok" } };
      assert.match(validate(a).join("\n"), /secondary\.aSide\.serviceToken\.uuid must differ from primary\.aSide\.serviceToken\.uuid/);
    });
  });

  describe("wiring", () => {
    it("throws a ResourceError and registers no connection when invalid", async () => {
      const connections = () => registered.filter((r) => r.type === "pulumi-nodejs:dynamic/fabric:Connection").length;
      const before = connections();
      const a = toAlibaba();
      a.secondary.aSide.port!.uuid = "port-pri";
      assert.throws(() => new Component("bad", a), (e: unknown) => pulumi.ResourceError.isInstance(e) && /must differ/.test((e as Error).message));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(connections(), before);
    });

    it("creates a PRIMARY and a SECONDARY in the primary's group, parented, with derived names", async () => {
      const c = new Component("alibaba-sv", toAlibaba());
      const group = await new Promise((resolve) => c.redundancyGroup.apply(resolve));
      assert.equal(group, "group-1");
      await new Promise((resolve) => c.secondaryUuid.apply(resolve));
      const legs = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/fabric:Connection" && r.name.startsWith("alibaba-sv"));
      assert.deepEqual(legs.map((l) => l.name).sort(), ["alibaba-sv-primary", "alibaba-sv-secondary"]);
      const pri = legs.find((l) => l.name === "alibaba-sv-primary")!.inputs;
      const sec = legs.find((l) => l.name === "alibaba-sv-secondary")!.inputs;
      assert.equal(pri.name, "alibaba-sv-pri");
      assert.deepEqual(pri.redundancy, { priority: "PRIMARY" });
      assert.deepEqual(sec.redundancy, { priority: "SECONDARY", group: "group-1" });
      assert.equal(sec.zSide.serviceProfile.uuid, ALIBABA);
      assert.ok(registered.some((r) => r.type === "pulumi-interconnect:components:RedundantFabricConnection" && r.name === "alibaba-sv"));
    });
  });
});
