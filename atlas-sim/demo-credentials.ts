/**
 * The demo client id and secret the simulator accepts when none are configured. The simulator
 * keeps its own copy (it never imports application code); test/simulator-boundary.test.ts checks
 * that it matches the application's defaults in lib/env.ts, so the demo works out of the box.
 */
export const SIM_DEMO_CLIENT_ID = "atlas-review-demo";
export const SIM_DEMO_CLIENT_SECRET = "atlas-review-demo-secret";
