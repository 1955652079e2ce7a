/** Components that wire redundant primary/secondary handovers together. */
export {
  RedundantFabricConnection,
  RedundantFabricConnectionArgs,
  RedundantLegArgs,
  LegPortArgs,
  PairServiceProfileArgs,
  validateRedundantPair,
} from "./redundantFabricConnection";
