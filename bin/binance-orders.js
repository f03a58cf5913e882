#!/usr/bin/env -S node --
import { setFlagsFromString } from 'node:v8';

// undici parses HTTP with a WebAssembly module; V8's optimizing tier compiles it in the background
// after the first response, a ~30 MB spike in resident memory for code that runs a few REST calls
// an hour. The baseline compiler is plenty for that. Set before anything compiles WebAssembly.
setFlagsFromString('--liftoff-only');
await import('../dist/bundle/main.js');
