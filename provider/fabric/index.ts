/** Equinix Fabric: virtual connections on the Fabric v4 API (and, in L2Connection, the legacy ECX v3 API). */
export { Connection, ConnectionArgs, ConnectionASideArgs, ConnectionZSideArgs, PortEndArgs, ServiceProfileEndArgs, TimeoutsArgs } from "./connection";
export { L2Connection, L2ConnectionArgs, L2ConnectionLegArgs } from "./l2Connection";
export { ALIBABA_PROFILE_UUID, ALIBABA_METROS, ALIBABA_BANDWIDTHS, ALIBABA_SELLER_REGIONS, FABRIC_BANDWIDTHS } from "./constants";
