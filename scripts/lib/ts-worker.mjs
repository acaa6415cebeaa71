// Starts a worker thread on a TypeScript module: registers tsx's loader in this thread (a worker
// does not inherit the parent's --import), then imports workerData.entry (a file URL).
import { workerData } from "node:worker_threads";

import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
