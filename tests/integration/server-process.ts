// The real-server helpers live in scripts/lib/server-process.ts (the crash test and the load
// benchmark use them too; scripts may not import tests). Re-exported for the integration tests.
export * from "../../scripts/lib/server-process";
