// The request body fabric.L2Connection sends is exactly the one of Equinix's ECX v3 API guides ("Connect to
// Alibaba" and "Connect to Myself": self and private connections, redundant and not): each example body is
// built from the equivalent arguments and compared field by field. The guides' bodies are kept verbatim in
// test/fixtures/specs/equinix/ecx-v3-examples.json (scripts/derive-fixtures.js extracts them).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkInputs } from "../../../provider/core/validation";
import { buildV3Request, L2ConnectionInputs } from "../../../provider/fabric/l2ConnectionMapping";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "specs", "equinix", "ecx-v3-examples.json"), "utf8")) as Record<"connectToAlibaba" | "connectToMyself", Array<Record<string, unknown>>>;

type Args = Record<string, unknown>;
const common = (over: Args): Args => ({ speed: 50, speedUnit: "MB", notifications: ["JohnDoe@example.com"], purchaseOrderNumber: "1234567890", ...over });

/** The arguments a user writes for each example of the guides, with the port types its title names. */
const ALIBABA: Array<[string, Args]> = [
  [
    "Alibaba Dot1q",
    common({
      name: "JohnDoe_Alibaba_Dot1q",
      profileUuid: "3214888b-39b0-49ea-a232-005088dc9c84",
      portUuid: "7f891d3b-973e-73e0-bae0-30ac1885197a",
      portType: "DOT1Q",
      vlanSTag: 774,
      sellerRegion: "us-west-1",
      sellerMetroCode: "SV",
      authorizationKey: "1956030",
    }),
  ],
  [
    "Alibaba QinQ",
    common({
      name: "JohnDoe_Alibaba_QinQ",
      profileUuid: "999552b-39b0-49ea-a232-005088dc9c84",
      purchaseOrderNumber: "0987654321",
      portUuid: "99991d3b-9750-7500-bae0-30ac1885197a",
      portType: "QINQ",
      vlanSTag: 774,
      vlanCTag: 775,
      sellerRegion: "us-west-1",
      sellerMetroCode: "SV",
      authorizationKey: "1956030",
    }),
  ],
];

const self = (name: string, a: [string, "DOT1Q" | "QINQ", number, number?], z: [string, "DOT1Q" | "QINQ", number, number?], extra: Args = {}): Args =>
  common({
    name,
    notifications: ["JohnDoe@equinix.com"],
    portUuid: a[0],
    portType: a[1],
    vlanSTag: a[2],
    ...(a[3] !== undefined ? { vlanCTag: a[3] } : {}),
    zSidePortUuid: z[0],
    zSidePortType: z[1],
    zSideVlanSTag: z[2],
    ...(z[3] !== undefined ? { zSideVlanCTag: z[3] } : {}),
    ...extra,
  });

const NON_REDUNDANT: Array<[string, Args]> = [
  ["self DQ->DQ", self("JohnDoe_SelfPrivate_DQ_To_DQ", ["4f891d3b-973e-73e0-bae0-80ac1885197a", "DOT1Q", 883], ["7f891d3b-9732-7320-bae0-30ac1885197a", "DOT1Q", 662])],
  ["self DQ->QQ", self("JohnDoe_SelfPrivate_DQ_To_QQ", ["7f891d3b-7e6a-73e0-859e-30ac1885197a", "DOT1Q", 991], ["7f891d3b-973e-7390-bae0-30ac1885197a", "QINQ", 601, 483])],
  ["self Q->DQ", self("JohnDoe_SelfPrivate_Q_To_DQ", ["7f345d3b-973d-73d0-bae0-30ac1435697a", "QINQ", 756, 984], ["7f891d3b-9732-7320-bae0-30ac1456197a", "DOT1Q", 550])],
  ["self Q->Q", self("JohnDoe_SelfPrivate_Q_To_Q", ["7f579d3b-973d-73d0-bae0-30ac1885197a", "QINQ", 771], ["7f891d3b-9739-7390-bae0-30ac1976197a", "QINQ", 471])],
];

const PRIVATE: Array<[string, Args]> = NON_REDUNDANT.map(([title, args], i) => [
  title.replace("self", "private"),
  {
    ...args,
    notifications: ["JohnDoe@example.com"],
    profileUuid: ["5e79b5e4-7c5b-4201-9334-fd89b37bec47", "31b7263f-3baa-4ec0-bd7b-4147ee2d04f9", "7e8e41ac-8d4e-4d6d-9w5-eb532ad5fe73", "fa2e4cdd-3baa-4ec0-bd7b-434572d04f9"][i],
    sellerMetroCode: "DC",
  },
]);

const redundant = (
  name: string,
  profileUuid: string,
  speed: number,
  metro: string,
  p: [string, "DOT1Q" | "QINQ", number, number?],
  pz: [string, "DOT1Q" | "QINQ", number, number?],
  s: [string, "DOT1Q" | "QINQ", number, number?],
  sz: [string, "DOT1Q" | "QINQ", number, number?],
): Args => {
  const leg = (n: string, a: typeof p, z: typeof p) => ({
    name: n,
    portUuid: a[0],
    portType: a[1],
    vlanSTag: a[2],
    ...(a[3] !== undefined ? { vlanCTag: a[3] } : {}),
    zSidePortUuid: z[0],
    zSidePortType: z[1],
    zSideVlanSTag: z[2],
    ...(z[3] !== undefined ? { zSideVlanCTag: z[3] } : {}),
  });
  return common({ ...leg(name, p, pz), profileUuid, speed, sellerMetroCode: metro, secondary: leg(name.replace("JohnDoe_", "JohnDoe2_"), s, sz) });
};

const REDUNDANT: Array<[string, Args]> = [
  [
    "redundant D2D",
    redundant("JohnDoe_Self_R_Pvt_D2D", "31b7263f-7e6a-42d0-859e-80a7fd3b9609", 50, "SV",
      ["7f891d3b-973c-73c0-bae0-30ac1885197a", "DOT1Q", 739], ["7f891d3b-99c8-9c80-bae0-30ac1885197a", "DOT1Q", 739],
      ["7f891d3b-9744-7440-bae0-30ac1885197a", "DOT1Q", 559], ["7f891d3b-9740-7400-bae0-30ac1885197a", "DOT1Q", 639]),
  ],
  [
    "redundant D2Q",
    redundant("JohnDoe_Self_R_Pvt_D2Q", "19bd99fa-9b5a-4d06-9db0-b0f308a43e3e", 500, "DC",
      ["7f891d3b-973e-73e0-bae0-30ac1885197a", "DOT1Q", 874], ["7f891d3b-9739-7390-bae0-30ac1885197a", "QINQ", 762, 972],
      ["7f891d3b-9740-7400-bae0-30ac1885197a", "DOT1Q", 738], ["7f891d3b-973a-73a0-bae0-30ac1885197a", "QINQ", 421, 864]),
  ],
  [
    "redundant Q2D",
    redundant("JohnDoe_Self_R_Pvt_Q2D", "31b7263f-7e6a-42d0-859e-80a7fd3b9609", 50, "SV",
      ["7f891d3b-973d-73d0-bae0-30ac1885197a", "QINQ", 3994, 3449], ["7f891d3b-9747-7470-bae0-30ac1885197a", "DOT1Q", 2467],
      ["7f891d3b-973f-73f0-bae0-30ac1885197a", "QINQ", 3773, 3254], ["7f891d3b-9740-7400-bae0-30ac1885197a", "DOT1Q", 2553]),
  ],
  [
    "redundant Q2Q",
    redundant("JohnDoe_Self_R_Pvt_Q2Q", "19bd99fa-9b5a-4d06-9db0-b0f308a43e3e", 500, "DC",
      ["7f891d3b-973d-73d0-bae0-30ac1885197a", "QINQ", 660], ["7f891d3b-9739-7390-bae0-30ac1885197a", "QINQ", 719],
      ["7f891d3b-973f-73f0-bae0-30ac1885197a", "QINQ", 620], ["7f891d3b-9738-7380-bae0-30ac1885197a", "QINQ", 638]),
  ],
];

/** The guides' order: "Connect to Alibaba" = the two Alibaba bodies; "Connect to Myself" = self non-redundant, redundant, private non-redundant. */
const CASES: Array<[string, Args, Record<string, unknown>]> = [
  ...ALIBABA.map(([t, a], i) => [`Connect to Alibaba: ${t}`, a, fixture.connectToAlibaba[i]] as [string, Args, Record<string, unknown>]),
  ...[...NON_REDUNDANT, ...REDUNDANT, ...PRIVATE].map(([t, a], i) => [`Connect to Myself: ${t}`, a, fixture.connectToMyself[i]] as [string, Args, Record<string, unknown>]),
];

describe("fabric.L2Connection: the request bodies of Equinix's ECX v3 guides", () => {
  it("every example body of the guides has exactly one case, with the name the case gives", () => {
    assert.equal(fixture.connectToAlibaba.length, ALIBABA.length);
    assert.equal(fixture.connectToMyself.length, NON_REDUNDANT.length + REDUNDANT.length + PRIVATE.length);
    assert.equal(CASES.length, 14);
    for (const [title, args, body] of CASES) assert.equal(body.primaryName, args.name, title);
  });

  for (const [title, args, example] of CASES) {
    it(`${title}: built from the arguments, equal to the guide's body field by field`, () => {
      // Parse with defaults (speedUnit ...), except the 24-character name rule, which some of the guides' examples break.
      const parsed = L2ConnectionInputs.safeParse(args);
      const inputs = (parsed.success ? parsed.data : args) as L2ConnectionInputs;
      const body = buildV3Request(inputs);
      assert.deepEqual(Object.keys(body).sort(), Object.keys(example).sort(), "same fields");
      for (const key of Object.keys(example)) assert.deepEqual(body[key], example[key], `field ${key}`);
      assert.equal(JSON.stringify(body[`primaryVlanSTag`]), JSON.stringify(example.primaryVlanSTag), "tags are sent as strings, as the guides do");
    });

    it(`${title}: check accepts the arguments, except a name over 24 characters`, () => {
      const r = checkInputs(L2ConnectionInputs, args);
      const tooLong = String(args.name).length > 24;
      assert.deepEqual(
        r.failures.map((f) => f.property),
        tooLong ? ["name"] : [],
        JSON.stringify(r.failures),
      );
      if (tooLong) assert.match(r.failures[0].reason, /at most 24 characters/);
    });
  }
});
