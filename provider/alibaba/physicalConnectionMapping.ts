import { z } from "zod";
import { updateTableOf } from "../core/diff";
import { inputKeys, pickKeys } from "../core/lifecycle";
import { fail } from "../core/validation";
import { timeoutsSchema } from "../core/timeouts";
import { PhysicalConnection } from "./client";
import { aliDescription, aliName, Payment, present } from "./common";
import { readBackOptional, textOutputs } from "./sharedMapping";

export const LINE_OPERATORS = ["CT", "CU", "CM", "CO", "Equinix", "Other"] as const;
export const PORT_TYPES = ["100Base-T", "1000Base-T", "1000Base-LX", "10GBase-T", "10GBase-LR", "40GBase-LR", "100GBase-LR"] as const;
/** The lifecycle steps a dedicated connection can be driven to, in order. */
export const DESIRED_STATUSES = ["Allocated", "Confirmed", "Enabled"] as const;

export const PhysicalConnectionInputs = z
  .object({
    accessPointId: z.string().min(1, "is required"),
    lineOperator: z.enum(LINE_OPERATORS),
    portType: z.enum(PORT_TYPES).optional(),
    type: z.literal("VPC").default("VPC"),
    bandwidth: z.number().int("must be a whole number of Mbps").min(2, "must be 2 to 10240 Mbps").max(10240, "must be 2 to 10240 Mbps").optional(),
    circuitCode: z.string().min(1).optional(),
    peerLocation: z.string().min(1).optional(),
    name: aliName.optional(),
    description: aliDescription.optional(),
    redundantPhysicalConnectionId: z.string().regex(/^pc-/, "must be a physical connection id (pc-...)").optional(),
    desiredStatus: z.enum(DESIRED_STATUSES).default("Enabled"),
    payment: Payment.optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.payment && v.desiredStatus === "Allocated") {
      fail(ctx, ["payment"], "is made after the connection is confirmed: set desiredStatus to Confirmed or Enabled, or remove payment");
    }
  });
export type PhysicalConnectionInputs = z.output<typeof PhysicalConnectionInputs>;

export const PC_INPUT_KEYS = inputKeys(PhysicalConnectionInputs);

/** What changes in place (ModifyPhysicalConnectionAttribute, or the next lifecycle step) and what replaces. */
export const updateTable = updateTableOf(PC_INPUT_KEYS, { replace: ["accessPointId", "type"], ignore: ["payment"] });

/** Fields the API changes only while the connection is Initial, Enabled or Rejected. */
export const STATUS_RESTRICTED = ["lineOperator", "portType", "bandwidth", "redundantPhysicalConnectionId"] as const;
export const MODIFIABLE_STATUSES = ["Initial", "Enabled", "Rejected"];

export function createParams(v: PhysicalConnectionInputs): Record<string, unknown> {
  return {
    AccessPointId: v.accessPointId,
    LineOperator: v.lineOperator,
    PortType: v.portType,
    Type: v.type,
    // Lower-case in the API, really.
    bandwidth: v.bandwidth,
    CircuitCode: v.circuitCode,
    PeerLocation: v.peerLocation,
    RedundantPhysicalConnectionId: v.redundantPhysicalConnectionId,
    Name: v.name,
    Description: v.description,
  };
}

const PARAM_OF: Record<string, string> = {
  lineOperator: "LineOperator",
  portType: "PortType",
  bandwidth: "bandwidth",
  circuitCode: "CircuitCode",
  peerLocation: "PeerLocation",
  name: "Name",
  description: "Description",
  redundantPhysicalConnectionId: "RedundantPhysicalConnectionId",
};

/** ModifyPhysicalConnectionAttribute parameters for what changed (undefined when nothing did). */
export function modifyParams(olds: Partial<PhysicalConnectionInputs>, news: PhysicalConnectionInputs): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, param] of Object.entries(PARAM_OF)) {
    const o = (olds as Record<string, unknown>)[k];
    const n = (news as Record<string, unknown>)[k];
    if (n !== undefined && n !== o) out[param] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Statuses after which nothing more happens to a physical connection: it counts as gone. */
export const PC_GONE_STATUSES = ["Canceled", "Terminated"] as const;

/** A physical connection Alibaba no longer lists, or one canceled or terminated (refresh drops it; delete is done). */
export function isPhysicalConnectionGone(
  c: PhysicalConnection | undefined,
): c is undefined | (PhysicalConnection & { Status: (typeof PC_GONE_STATUSES)[number] }) {
  return !c || (PC_GONE_STATUSES as readonly string[]).includes(c.Status ?? "");
}

/** The status rank of the lifecycle steps; -1 before Allocated. */
export function rank(status: string | undefined): number {
  return DESIRED_STATUSES.indexOf(status as (typeof DESIRED_STATUSES)[number]);
}

/** Output -> field of the physical connection, besides the inputs. */
const OUTPUT_FIELDS = {
  status: "Status",
  businessStatus: "BusinessStatus",
  spec: "Spec",
  loaStatus: "LoaStatus",
  portNumber: "PortNumber",
  creationTime: "CreationTime",
  enabledTime: "EnabledTime",
} as const;

export function toOutputs(c: PhysicalConnection, v: PhysicalConnectionInputs): Record<string, unknown> {
  return {
    ...pickKeys(v as Record<string, unknown>, PC_INPUT_KEYS),
    physicalConnectionId: c.PhysicalConnectionId,
    ...textOutputs(c, OUTPUT_FIELDS),
    productType: c.ProductType ?? "PhysicalConnection",
  };
}

/**
 * The inputs as Alibaba has them now, so changes made outside Pulumi show as diffs. Optional fields the
 * user never set stay unset (the API renders them as ""); desiredStatus reflects a connection that has
 * not reached it yet.
 */
export function readBackInputs(c: PhysicalConnection, old: PhysicalConnectionInputs): PhysicalConnectionInputs {
  const r = rank(c.Status);
  const desired = r >= 0 && r < rank(old.desiredStatus) ? (c.Status as PhysicalConnectionInputs["desiredStatus"]) : old.desiredStatus;
  const lineOperator = (present(c.LineOperator) ?? old.lineOperator) as PhysicalConnectionInputs["lineOperator"];
  return {
    ...old,
    accessPointId: present(c.AccessPointId) ?? old.accessPointId,
    lineOperator,
    ...readBackOptional(c, old, {
      portType: "PortType",
      circuitCode: "CircuitCode",
      peerLocation: "PeerLocation",
      name: "Name",
      description: "Description",
      redundantPhysicalConnectionId: "RedundantPhysicalConnectionId",
    }),
    bandwidth: old.bandwidth === undefined ? undefined : c.Bandwidth || undefined,
    desiredStatus: desired,
  };
}
