#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { run } from './program.js';

// A command makes a handful of requests. V8's optimizing compile of undici's HTTP parser
// (WebAssembly, compiled at the first connection) costs ~70 ms of every command's run for code
// that parses a few replies; its baseline code parses even large bodies as fast. The CLI is an
// application, so it may set this for its own process (the SDK never does).
setFlagsFromString('--liftoff-only');
await run(process.argv);
