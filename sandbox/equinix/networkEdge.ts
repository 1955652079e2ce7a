import type { Router } from "express";
import { routeRegistrar, type RouteHandler } from "../core/api";
import { VIRTUAL_DEVICE_STATUSES, type VirtualDeviceRecord } from "./aSides";
import type { EquinixAuth } from "./oauth";
import { renderVirtualDevice } from "./render";
import type { EquinixWorld } from "./world";

/**
 * The two Network Edge calls the "Connect to Alibaba Cloud" guide uses to find a virtual device and a
 * free interface: `GET /ne/v1/devices` (`{totalCount, pageNumber, pageSize, content}`, `statusList`
 * filters by status) and `GET /ne/v1/devices/{uuid}` (the device with its interfaces). Errors are the
 * Network Edge shape, an array of `{errorCode, errorMessage, property}` (the codes are the sandbox's own).
 */
export function registerNetworkEdge(app: Router, world: EquinixWorld, auth: EquinixAuth): void {
  const aSides = world.aSides;
  const render = (d: VirtualDeviceRecord) => {
    const used = new Set(d.interfaces.filter((i) => aSides.interfaceUser(d.uuid, i.id, world.vlanHolders())).map((i) => i.id));
    return renderVirtualDevice(d, used);
  };
  const get = routeRegistrar(app, { auth: auth.require() });
  const route = (path: string, kind: string, h: RouteHandler) => get("get", path, kind, h);

  route("/ne/v1/devices", "ne.device.list", (req, res) => {
    const statusList = typeof req.query.statusList === "string" ? req.query.statusList.split(",").map((x) => x.trim().toUpperCase()) : undefined;
    const unknown = statusList?.filter((x) => !(VIRTUAL_DEVICE_STATUSES as readonly string[]).includes(x)) ?? [];
    if (unknown.length) {
      res.status(400).json([{ errorCode: "IC-NE-400", errorMessage: `unknown status ${unknown.join(", ")}; one of ${VIRTUAL_DEVICE_STATUSES.join(", ")}`, property: "statusList" }]);
      return;
    }
    const size = Math.min(100, Math.max(1, Number(req.query.size ?? 20) || 20));
    const pageNumber = Math.max(0, Number(req.query.page ?? 0) || 0);
    const all = [...aSides.devices.values()].filter((d) => (statusList ? statusList.includes(d.status) : d.status !== "DEPROVISIONED"));
    res.status(200).json({ totalCount: all.length, pageNumber, pageSize: size, content: all.slice(pageNumber * size, (pageNumber + 1) * size).map(render) });
  });

  route("/ne/v1/devices/:uuid", "ne.device.get", (req, res) => {
    const d = aSides.devices.get(String(req.params.uuid));
    if (!d) {
      res.status(404).json([{ errorCode: "IC-NE-404", errorMessage: `virtual device ${req.params.uuid} not found`, property: "uuid" }]);
      return;
    }
    res.status(200).json(render(d));
  });
}
