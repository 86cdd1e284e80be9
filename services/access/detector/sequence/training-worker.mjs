// The worker thread's entry (model-training.ts starts it): plain JavaScript that loads TypeScript through
// tsx, whatever loader the access process itself runs under, then runs the one training job it was given
// and posts its outcome. Training takes minutes of CPU: here, never on the access process's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runTrainingJob } = await import("./training-job.ts");
parentPort.postMessage(await runTrainingJob(workerData));
