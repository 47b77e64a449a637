// Deno module Worker that hosts Emscripten's classic pthread script for
// tfjs-backend-wasm 4.22.0's threaded SIMD build (see wasm_threads.ts).
// Plain JavaScript because the code it evaluates is untyped bundle source.
//
// Protocol: the first message is `{ tfjsWorkerScript: blobUrl }`, the blob
// tfjs makes from its inlined `*.worker.js`; every later message is
// Emscripten's own and goes to the `onmessage` that script installs.

// Deno 2 defines `process` in Workers too; without it Emscripten's script
// takes its web-worker path (postMessage, importScripts) instead of node's
// (worker_threads, fs), which a Deno Worker cannot offer.
delete globalThis.process;

// The main script is the factory's source cut out of tfjs's node bundle, so
// it still names the bundle's module-level helpers; give them global twins.
globalThis.commonjsGlobal = globalThis;
globalThis.__values = (o) => o[Symbol.iterator]();
globalThis.__read = (o, n) => {
  const a = [...o];
  return n === undefined ? a : a.slice(0, n);
};
globalThis.__spreadArray = (to, from) => to.concat(Array.prototype.slice.call(from));

// Module Workers have no importScripts. Emscripten calls it once, with the
// main script; its text is read ahead (Blob.text() is async, importScripts
// is not) and evaluated here in global scope, as a classic worker would.
const preloaded = new Map();
const MAIN_SCRIPT = "tfjs-main-script";
globalThis.importScripts = (url) => {
  const source = preloaded.get(url);
  if (source === undefined) throw new Error(`Cannot import script "${url}": it was not preloaded`);
  (0, eval)(source);
};

let emscriptenOnMessage = null;
const queue = [];
let draining = false;

async function handle(data) {
  if (data?.tfjsWorkerScript) {
    const script = await (await fetch(data.tfjsWorkerScript)).text();
    (0, eval)(script);
    emscriptenOnMessage = self.onmessage; // installed by the script
    self.onmessage = onMessage;
    return;
  }
  if (data?.cmd === "load" && data.urlOrBlob instanceof Blob) {
    preloaded.set(MAIN_SCRIPT, await data.urlOrBlob.text());
    data.urlOrBlob = MAIN_SCRIPT;
  }
  emscriptenOnMessage({ data });
}

async function drain() {
  draining = true;
  while (queue.length > 0) await handle(queue.shift());
  draining = false;
}

// Until setup is done, messages wait in order; after it they are passed on
// synchronously, which pthreads' proxying relies on.
function onMessage(e) {
  if (draining || emscriptenOnMessage === null || e.data?.cmd === "load") {
    queue.push(e.data);
    if (!draining) drain();
  } else {
    emscriptenOnMessage({ data: e.data });
  }
}

self.onmessage = onMessage;
