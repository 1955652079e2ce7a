/** Components that wire redundant primary/secondary handovers together. */
export {
  RedundantFabricConnection,
  RedundantFabricConnectionArgs,
  RedundantLegArgs,
  LegPortArgs,
  PairServiceProfileArgs,
  validateRedundantPair,
  validateLeg,
} from "./redundantFabricConnection";
export { AlibabaInterconnect, AlibabaInterconnectArgs, AlibabaHandoverArgs, AlibabaHandoverOutputs, validateAlibabaInterconnect } from "./alibabaInterconnect";
export { renderIosXe } from "./alibabaInterconnect";
export type { AlibabaBgpArgs, AlibabaBgpSecretOutputs, AlibabaBgpSessionArgs, AlibabaBgpSessionOutputs, AlibabaCloudRouterArgs, RouterEnd } from "./alibabaInterconnect";
export {
  IxApiCloudService,
  IxApiCloudServiceArgs,
  IxApiHandoverArgs,
  IxApiPeeringArgs,
  IxApiContactArgs,
  PlainVlanConfig,
  validateIxApiCloudService,
} from "./ixApiCloudService";
