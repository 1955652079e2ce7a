import type { SandboxApi } from "./core/api";
import { equinixApi } from "./equinix";
import { ixapiApi } from "./ixapi";
import { alibabaApi } from "./alibaba";

/**
 * The simulated APIs, in registration order. To add one: write `sandbox/<api>/index.ts` exporting a
 * SandboxApi (see core/api.ts and equinix/index.ts), append it here, add its slice to `World`
 * (core/world.ts), its admin to `SandboxAdmin` and its info to `Sandbox` (index.ts).
 */
export const SANDBOX_APIS: SandboxApi[] = [equinixApi, alibabaApi, ixapiApi];
