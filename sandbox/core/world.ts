import type { EventEmitter } from "events";
import type { SandboxClock } from "./clock";
import type { EquinixWorld } from "../equinix/world";
import type { IxapiWorld } from "../ixapi/world";
import type { AlibabaWorld } from "../alibaba/world";

/**
 * The in-process model shared by every simulated API. Each API module owns one slice
 * (`world.<api name>`), created by its `createWorld`; cross-vendor effects go through `events` and
 * through the functions each slice exposes. Add your slice's field here (optional until registered).
 */
export interface World {
  clock: SandboxClock;
  /** cross-vendor effects; event names and payloads are documented by each slice (e.g. EQUINIX_EVENTS) */
  events: EventEmitter;
  equinix: EquinixWorld;
  ixapi: IxapiWorld;
  alibaba: AlibabaWorld;
  [api: string]: unknown;
}
