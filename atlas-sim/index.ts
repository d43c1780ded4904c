export { createSimulator, type Simulator } from "./simulator";
export { startSimServer, type SimServer } from "./server";
export type { SimulatorOptions, SimLatency } from "./options";
export type { SimFault } from "./faults";
export { generateDocument, readUrlHints, DOCUMENT_TYPES, type GeneratedDocument } from "./generate";
export { sampleList } from "./files";
