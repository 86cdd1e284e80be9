#!/usr/bin/env node
// The operator's entry point (`npx tessera …`): loads TypeScript through tsx and runs the command.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
