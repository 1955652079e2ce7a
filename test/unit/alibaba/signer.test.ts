import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { canonicalQuery, flattenParams, percentEncode, rpcTimestamp, signature, signedParameters, stringToSign } from "../../../provider/alibaba/signer";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const RPCClient = require("@alicloud/pop-core").RPCClient;

describe("alibaba signer", () => {
  it("matches the official vector", () => {
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
    assert.equal(signature("GET", params, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    assert.ok(stringToSign("GET", params).startsWith("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"));
  });

  it("percent-encodes like the POP scheme", () => {
    assert.equal(percentEncode("a b*c~d'e(f)g!h"), "a%20b%2Ac~d%27e%28f%29g%21h");
    assert.equal(percentEncode("é/="), "%C3%A9%2F%3D");
    assert.equal(percentEncode("-_.~"), "-_.~");
  });

  it("sorts by byte order and ignores Signature", () => {
    assert.equal(canonicalQuery({ b: "1", B: "2", a: "3", Signature: "x" }), "B=2&a=3&b=1");
  });

  it("flattens lists and objects into RPC names", () => {
    assert.deepEqual(flattenParams({ Filter: [{ Key: "Status", Value: ["Enabled", "Allocated"] }], Tag: [{ Key: "k", Value: "v" }], n: 5, b: false, u: undefined }), {
      "Filter.1.Key": "Status",
      "Filter.1.Value.1": "Enabled",
      "Filter.1.Value.2": "Allocated",
      "Tag.1.Key": "k",
      "Tag.1.Value": "v",
      n: "5",
      b: "false",
    });
  });

  it("formats timestamps without milliseconds", () => {
    assert.equal(rpcTimestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), "2024-01-02T03:04:05Z");
  });

  it("adds the common parameters, the STS token and a fresh nonce", () => {
    const a = signedParameters({ RegionId: "cn-hangzhou" }, { accessKeyId: "id", accessKeySecret: "s", securityToken: "tok" }, { method: "POST", action: "DescribeRegions" });
    const b = signedParameters({ RegionId: "cn-hangzhou" }, { accessKeyId: "id", accessKeySecret: "s", securityToken: "tok" }, { method: "POST", action: "DescribeRegions" });
    assert.equal(a.SecurityToken, "tok");
    assert.equal(a.Version, "2016-04-28");
    assert.notEqual(a.SignatureNonce, b.SignatureNonce);
    assert.equal(a.Signature, signature("POST", a, "s"));
  });

  describe("cross-check against @alicloud/pop-core (formatParams: false)", () => {
    let server: http.Server;
    let endpoint = "";
    let captured: { method: string; url: string; body: string }[] = [];
    before(async () => {
      server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          captured.push({ method: req.method!, url: req.url!, body });
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ RequestId: "r" }));
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    // A small deterministic generator: values with spaces, unicode, reserved characters, lists and tags.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ["a", "Z", "9", " ", "é", "中文", "*", "~", "(", ")", "'", "!", "&", "=", "+", "/", "%", "-", "_", ".", "😀"];
    const text = () => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pieces[Math.floor(rnd() * pieces.length)]).join("");

    function generated(i: number): Record<string, unknown> {
      const p: Record<string, unknown> = { RegionId: "cn-hangzhou", Name: text(), Description: text(), bandwidth: Math.floor(rnd() * 10000) };
      if (i % 2 === 0) p.Filter = [{ Key: "Status", Value: [text(), text()] }, { Key: "Name", Value: [text()] }];
      if (i % 3 === 0) p.Tag = [{ Key: text(), Value: text() }];
      return p;
    }

    for (let i = 0; i < 12; i++) {
      const method = i % 2 === 0 ? "GET" : "POST";
      it(`signs generated parameter set ${i} (${method}) exactly like pop-core`, async () => {
        captured = [];
        const params = generated(i);
        const creds = { accessKeyId: "AKID" + text(), accessKeySecret: "sec" + text(), securityToken: i % 4 === 0 ? "sts" + text() : undefined };
        const client = new RPCClient({ endpoint, apiVersion: "2016-04-28", accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken });
        await client.request("CreatePhysicalConnection", params, { method, formatParams: false });
        const got = captured[0];
        const sent = new URLSearchParams(method === "GET" ? got.url.replace(/^[^?]*\?/, "") : got.body);
        const theirs: Record<string, string> = {};
        for (const [k, v] of sent) theirs[k] = v;
        // Recompute with our signer from the same parameters, nonce and timestamp.
        const ours = signedParameters(flattenParams(params), creds, {
          method,
          action: "CreatePhysicalConnection",
          nonce: theirs.SignatureNonce,
          now: Date.parse(theirs.Timestamp),
        });
        assert.equal(ours.Signature, theirs.Signature);
        const { Signature: _a, ...o } = ours;
        const { Signature: _b, ...t } = theirs;
        assert.deepEqual(o, t);
      });
    }
  });
});
