import assert from "node:assert/strict";
import { createHash, createHmac, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSandbox, type Sandbox } from "../../sandbox";
import { rpcSignature, rpcStringToSign } from "../../sandbox/alibaba/signature";
import { alibabaApi } from "../../provider/alibaba/client";
import { HttpClient } from "../../provider/core/http";
import type { AlibabaCredentials } from "../../provider/alibaba/settings";
import { isApiError } from "../../provider/core/errors";
import { FAST_ALIBABA, until } from "../unit/alibaba/helpers";
import { raw } from "./helpers";

/**
 * The Alibaba sandbox against Alibaba's own documents: both signature schemes the VPC endpoint accepts,
 * verified by the sandbox's own code (not the provider's signer); the Express Connect API reference's
 * defaults, error codes and which attributes may change in which status; the admin API's 404s.
 */
describe("sandbox: Alibaba fidelity (signatures, API reference, admin 404)", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let creds: AlibabaCredentials;

  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: FAST_ALIBABA } });
    creds = { accessKeyId: sb.alibaba.accessKeyId, accessKeySecret: sb.alibaba.accessKeySecret, region: sb.alibaba.region, endpoint: sb.alibaba.endpoint.replace(/\/+$/, "") };
  });
  after(() => sb?.stop());
  afterEach(() => sb.admin.alibaba.resetRules());

  /** The provider's client for these credentials (made directly, without a call's settings). */
  const client = (c: AlibabaCredentials) => alibabaApi.create(c, (o) => new HttpClient(o));
  const call = (action: string, params: Record<string, unknown> = {}) => client(creds).rpc<Record<string, any>>(action, params);
  /** The error code Alibaba answers (and the HTTP status), or "ok". */
  const outcome = async (action: string, params: Record<string, unknown>) => {
    try {
      await call(action, params);
      return "ok";
    } catch (e) {
      if (!isApiError(e)) throw e;
      return `${e.status} ${e.code}`;
    }
  };
  const status = async (id: string) => ((await call("DescribePhysicalConnections", { Filter: [{ Key: "PhysicalConnectionId", Value: [id] }] })).PhysicalConnectionSet.PhysicalConnectionType[0]?.Status as string | undefined);
  const createPc = async (extra: Record<string, unknown> = {}) =>
    (await call("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", ClientToken: randomUUID(), ...extra })).PhysicalConnectionId as string;

  describe("signatures", () => {
    it("the sandbox's verifier reproduces Alibaba's published RPC HMAC-SHA1 example", () => {
      const params = {
        AccessKeyId: "testid",
        Action: "DescribeRegions",
        Format: "XML",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        SignatureVersion: "1.0",
        Timestamp: "2016-02-23T12:46:24Z",
        Version: "2014-05-26",
      };
      assert.match(rpcStringToSign("GET", params), /^GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML/);
      assert.equal(rpcSignature("GET", params, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    });

    it("verifies with its own code: nothing under sandbox/alibaba imports the provider's signer", () => {
      const dir = path.join(__dirname, "..", "..", "sandbox", "alibaba");
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
        const text = fs.readFileSync(path.join(dir, f), "utf8");
        assert.doesNotMatch(text, /provider\/alibaba\/signer/, `${f} imports the provider's signer`);
      }
    });

    /** A V3 (ACS3-HMAC-SHA256) RPC call built by hand from Alibaba's "V3 request body and signature mechanism". */
    async function acs3(action: string, query: Record<string, string>, o: { secret?: string; tamper?: (h: Record<string, string>) => void; unsigned?: string[]; body?: string } = {}) {
      const url = new URL(sb.url);
      const body = o.body ?? "";
      const headers: Record<string, string> = {
        host: url.host,
        "x-acs-action": action,
        "x-acs-version": "2016-04-28",
        "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        "x-acs-signature-nonce": randomUUID(),
        "x-acs-content-sha256": createHash("sha256").update("").digest("hex"),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      };
      const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const names = Object.keys(query).sort();
      const canonicalQuery = names.map((n) => `${enc(n)}=${enc(query[n])}`).join("&");
      const signed = Object.keys(headers).filter((h) => !(o.unsigned ?? []).includes(h)).sort();
      const canonicalRequest = ["POST", "/", canonicalQuery, signed.map((h) => `${h}:${headers[h].trim()}\n`).join(""), signed.join(";"), headers["x-acs-content-sha256"]].join("\n");
      const toSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
      const signature = createHmac("sha256", o.secret ?? sb.alibaba.accessKeySecret).update(toSign).digest("hex");
      headers.authorization = `ACS3-HMAC-SHA256 Credential=${sb.alibaba.accessKeyId},SignedHeaders=${signed.join(";")},Signature=${signature}`;
      o.tamper?.(headers);
      const { host: _host, ...sent } = headers;
      return raw(sb.url, "POST", `/?${canonicalQuery}`, body || undefined, sent);
    }

    it("accepts an ACS3-HMAC-SHA256 request at the endpoint's root, the action and version in headers", async () => {
      const r = await acs3("DescribePhysicalConnections", { RegionId: "us-west-1", PageSize: "50", "Filter.1.Key": "Name", "Filter.1.Value.1": "a b*c~" });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.TotalCount, 0);
      const logged = sb.admin.requests().at(-1)!;
      assert.equal(logged.api, "alibaba");
      assert.equal(logged.action, "DescribePhysicalConnections");
    });

    it("refuses a wrong secret, a query changed after signing, an unsigned x-acs header and a body that is not the declared hash", async () => {
      const wrong = await acs3("DescribeRegions", {}, { secret: "not-the-secret" });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.Code, "SignatureDoesNotMatch");
      const changed = await acs3("DescribeRegions", { RegionId: "us-west-1" }, { tamper: (h) => (h["x-acs-action"] = "DescribeAccessPoints") });
      assert.equal(changed.body.Code, "SignatureDoesNotMatch");
      const unsigned = await acs3("DescribeRegions", {}, { unsigned: ["x-acs-signature-nonce"] });
      assert.equal(unsigned.status, 400);
      assert.equal(unsigned.body.Code, "IncompleteSignature");
      assert.match(unsigned.body.Message, /x-acs-signature-nonce must be signed/);
      const body = await acs3("DescribeRegions", {}, { body: "RegionId=us-west-1" });
      assert.equal(body.body.Code, "SignatureDoesNotMatch");
      assert.match(body.body.Message, /x-acs-content-sha256/);
    });

    it("still accepts HMAC-SHA1 RPC requests (the provider's), at /alibaba/ and at the root", async () => {
      assert.ok((await call("DescribeRegions")).Regions.Region.length > 0);
      const root = { ...creds, endpoint: sb.url };
      assert.ok((await client(root).rpc<Record<string, any>>("DescribeRegions", {})).Regions.Region.length > 0);
    });
  });

  describe("the Express Connect API reference", () => {
    it("a connection created without bandwidth or port type gets 100 Mbps and 1000Base-T", async () => {
      const id = await createPc({ Name: "defaults" });
      const c = sb.admin.alibaba.connection(id)!;
      assert.equal(c.Bandwidth, 100);
      assert.equal(c.PortType, "1000Base-T");
      assert.equal(c.Spec, "100M");
    });

    it("answers bad names, descriptions and bandwidths with InvalidName.Malformed, InvalidDescription.Malformed and InvalidBandwidth", async () => {
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Name: "1st-line" }), "400 InvalidName.Malformed");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Name: "line one" }), "400 InvalidName.Malformed");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Description: "1 line" }), "400 InvalidDescription.Malformed");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Description: "https://example.com" }), "400 InvalidDescription.Malformed");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", bandwidth: 1 }), "400 InvalidBandwidth");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", bandwidth: 10241 }), "400 InvalidBandwidth");
      assert.equal(await outcome("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Name: "line.one_2-b", Description: "Line one, rack 3" }), "ok");
    });

    it("answers an unsupported filter key with HTTP 404 InvalidFilterKey.ValueNotSupported", async () => {
      assert.equal(await outcome("DescribePhysicalConnections", { Filter: [{ Key: "Colour", Value: ["red"] }] }), "404 InvalidFilterKey.ValueNotSupported");
      assert.equal(await outcome("DescribeVirtualBorderRouters", { Filter: [{ Key: "Colour", Value: ["red"] }] }), "404 InvalidFilterKey.ValueNotSupported");
    });

    it("Cancel outside Initial, Approved, Allocated and Confirmed is Forbidden.NotAllowedInState", async () => {
      const id = await createPc({ Name: "to-enable" });
      await until(async () => (await status(id)) === "Allocated");
      await call("ConfirmPhysicalConnection", { PhysicalConnectionId: id, ClientToken: randomUUID() });
      await call("EnablePhysicalConnection", { PhysicalConnectionId: id, ClientToken: randomUUID() });
      await until(async () => (await status(id)) === "Enabled");
      assert.equal(await outcome("CancelPhysicalConnection", { PhysicalConnectionId: id, ClientToken: randomUUID() }), "400 Forbidden.NotAllowedInState");
      // Enabled: the specification may change.
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: id, bandwidth: 200, ClientToken: randomUUID() }), "ok");
      assert.equal(sb.admin.alibaba.connection(id)!.Bandwidth, 200);
    });

    it("which attributes may change in which status", async () => {
      sb.admin.alibaba.stall("allocation", { times: 1 });
      const allocating = await createPc({ Name: "stays-allocating" });
      await until(async () => (await status(allocating)) === "Allocating");
      // Nothing changes while Allocating, not even the name.
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocating, Name: "renamed", ClientToken: randomUUID() }), "400 InvalidStatus");

      const allocated = await createPc({ Name: "gets-allocated" });
      await until(async () => (await status(allocated)) === "Allocated");
      // Allocated: the name and description may change, the specification may not.
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocated, Name: "renamed", Description: "Changed while allocated", ClientToken: randomUUID() }), "ok");
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocated, bandwidth: 300, ClientToken: randomUUID() }), "400 InvalidStatus");
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocated, PortType: "10GBase-LR", ClientToken: randomUUID() }), "400 InvalidStatus");
      assert.equal(sb.admin.alibaba.connection(allocated)!.Name, "renamed");

      // Rejected: the specification may change, and the connection goes back to Initial.
      sb.admin.alibaba.setConnectionStatus(allocated, "Rejected");
      // Held in Initial: the sandbox's approval (10 ms here) would otherwise race the status read.
      sb.admin.alibaba.stall("approval", { id: allocated, times: 1 });
      assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocated, bandwidth: 300, ClientToken: randomUUID() }), "ok");
      assert.equal(await status(allocated), "Initial");

      // Canceled, AllocationFailed, Terminated: nothing changes.
      for (const s of ["Canceled", "AllocationFailed", "Terminated"]) {
        sb.admin.alibaba.setConnectionStatus(allocated, s);
        assert.equal(await outcome("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: allocated, Name: "again", ClientToken: randomUUID() }), "400 InvalidStatus", s);
      }
    });
  });

  describe("admin over HTTP", () => {
    it("an unknown connection or VBR id is a 404, as the other APIs answer it", async () => {
      const base = `${sb.url}/_sandbox/alibaba`;
      for (const [method, p, body] of [
        ["GET", "/connections/pc-nosuchthing", undefined],
        ["PATCH", "/connections/pc-nosuchthing", { name: "x" }],
        ["POST", "/connections/pc-nosuchthing/terminate", {}],
        ["POST", "/connections/pc-nosuchthing/status", { status: "Rejected" }],
        ["DELETE", "/connections/pc-nosuchthing", undefined],
        ["GET", "/vbrs/vbr-nosuchthing", undefined],
        ["PATCH", "/vbrs/vbr-nosuchthing", { name: "x" }],
        ["DELETE", "/vbrs/vbr-nosuchthing", undefined],
      ] as const) {
        const r = await raw(base, method, p, body);
        assert.equal(r.status, 404, `${method} ${p}: ${JSON.stringify(r.body)}`);
        assert.match(String(r.body.error), /^no (physical connection|VBR) /);
      }
      const id = await createPc({ Name: "known" });
      const known = await raw(base, "GET", `/connections/${id}`);
      assert.equal(known.status, 200);
      assert.equal(known.body.PhysicalConnectionId, id);
    });
  });
});
