#!/usr/bin/env -S node --max-semi-space-size=4 --
import { setFlagsFromString } from 'node:v8';

// The heap's shape is fixed before any code runs, hence the flag on the line above. A burst of
// events grows V8's young generation to its default 16 MB semi-spaces, 20-25 MB of resident memory
// kept for the rest of the run; at 4 MB a 200k-event burst peaks near the bare socket-to-stdout
// floor, for no measurable CPU (docs/performance.md).
// undici parses HTTP with a WebAssembly module; V8's optimizing tier compiles it in the background
// after the first response, a ~30 MB spike in resident memory for code that runs a few REST calls
// an hour. The baseline compiler is plenty for that. Set before anything compiles WebAssembly.
setFlagsFromString('--liftoff-only');
await import('../dist/bundle/main.js');
