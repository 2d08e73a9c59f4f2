// Drops three JS classes the app can never use, and the wasm behind them.
//
// Leptos's `hydrate` feature turns on server_fn's `browser` feature, which
// pulls in wasm-streams, whose `#[wasm_bindgen]` classes IntoUnderlyingSource,
// IntoUnderlyingSink and IntoUnderlyingByteSource (adapters between Rust
// streams and the browser's streams, for streaming server functions) are
// exported by the main module. Attune has no server, so no server function,
// and nothing creates these: a Rust value becomes one of them in JS only
// through its class's `__wrap`, which the glue never calls (checked below).
// As exports they are kept alive anyway: about 1.6 KB gzip of wasm and
// 0.4 KB of glue on every first load. Neither a Leptos nor a server_fn
// feature turns them off (`cargo tree -i wasm-streams -e features`).
//
// So, after wasm-bindgen: their classes and FinalizationRegistries go from
// the glue, their exports from the wasm (binaryen, the same version as
// wasm-opt), and wasm-opt then drops the code only they reached. Any
// surprise throws: a build never ships glue that names a missing export.
import binaryen from "binaryen";

const CLASS = /IntoUnderlying(?:ByteSource|Sink|Source)\b/;
const EXPORT = /^(?:__wbg_)?intounderlying(?:bytesource|sink|source)_/;

/** The glue without the classes (wasm-bindgen's unminified output). */
export function dropStreamClasses(js) {
  if (/IntoUnderlying\w*\.__wrap/.test(js)) throw new Error("unused-streams: the glue creates a stream adapter; keep them");
  let removed = 0;
  const out = js
    .replace(
      /export class (IntoUnderlying\w+) \{\n[\s\S]*?\n\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/g,
      () => (removed++, ""),
    )
    .replace(/const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n[^;]*;\n/g, () => (removed++, ""));
  if (removed !== 6) throw new Error(`unused-streams: expected 3 classes and 3 registries in the glue, removed ${removed}`);
  if (CLASS.test(out) || /intounderlying/.test(out)) throw new Error("unused-streams: the glue still names a stream adapter");
  return out;
}

/** The main module without the classes' exports. */
export function dropStreamExports(wasm) {
  const module = binaryen.readBinary(wasm);
  try {
    // Features as read (none set): setting them all here makes binaryen
    // write a features section that wasm-opt then optimises differently
    // (3 KB gzip larger).
    const names = [];
    for (let i = 0; i < module.getNumExports(); i++) {
      const { name } = binaryen.getExportInfo(module.getExportByIndex(i));
      if (EXPORT.test(name)) names.push(name);
    }
    if (names.length === 0) throw new Error("unused-streams: the wasm exports no stream adapter (did wasm-streams change?)");
    for (const name of names) module.removeExport(name);
    return { bytes: module.emitBinary(), removed: names.length };
  } finally {
    module.dispose();
  }
}
