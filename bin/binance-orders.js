#!/usr/bin/env -S node --max-semi-space-size=4 --
import { setFlagsFromString } from 'node:v8';

// The heap's shape is fixed before any code runs, hence the flag on the line above. A burst of
// events grows V8's young generation to its default 16 MB semi-spaces, 20-25 MB of resident memory
// kept for the rest of the run; at 4 MB a 200k-event burst peaks near the bare socket-to-stdout
// floor, for no measurable CPU (docs/performance.md).
// Once the heap is sized the flag has done its work, and it goes back to its default: while any V8
// flag is off its default, V8 rejects the code cache Node ships for its own modules, and every
// built-in module loaded after that (net, http, stream…) is compiled from source, about a fifth of
// the instructions to the first request. The semi-spaces stay at 4 MB.
// undici's HTTP parser is kept on V8's baseline WebAssembly compiler where it is compiled
// (scripts/bundle.mjs).
setFlagsFromString('--max-semi-space-size=0');
await import('../dist/bundle/main.js');
