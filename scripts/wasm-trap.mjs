// Replaces the bodies of some functions of a wasm module with a trap
// (`unreachable`), by name, so wasm-opt drops everything only they reach.
//
// Why: Leptos's type-erased views (`AnyView`) carry a pointer to an
// *asynchronous* hydration function for every view type, so every one of
// those functions, and the code only they call, stays in the wasm although
// this app never hydrates asynchronously: it takes pages over with the
// synchronous `hydrate_body` (src/takeover.rs). Measured on the main
// module: 164.9 → 154.0 KB gzip. Should a future Leptos call one of them,
// the app would trap at takeover, which every page's end-to-end takeover
// test would catch; and a build in which no such function is found fails,
// so a renamed function cannot silently undo the saving.
//
// Runs on wasm-split-cli's output, which still has the name section and no
// relocations (changing a body would invalidate those).

const leb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
};

const encodeLeb = (value) => {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
};

/** The module's sections: [id, start of contents, end]. */
function sections(bytes) {
  const found = [];
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    found.push([id, at, start, start + size]);
    at = start + size;
  }
  return found;
}

/** How many functions the module imports (they come first in the index space). */
function importedFunctions(bytes, start) {
  let [count, at] = leb(bytes, start);
  let functions = 0;
  const skipName = () => {
    const [length, next] = leb(bytes, at);
    at = next + length;
  };
  const skipLimits = () => {
    const flags = bytes[at++];
    [, at] = leb(bytes, at);
    if (flags & 1) [, at] = leb(bytes, at);
  };
  for (; count > 0; count--) {
    skipName();
    skipName();
    const kind = bytes[at++];
    if (kind === 0) {
      [, at] = leb(bytes, at);
      functions++;
    } else if (kind === 1) {
      at++;
      skipLimits();
    } else if (kind === 2) {
      skipLimits();
    } else if (kind === 3) {
      at += 2;
    } else if (kind === 4) {
      at++;
      [, at] = leb(bytes, at);
    } else {
      throw new Error(`wasm-trap: unknown import kind ${kind}`);
    }
  }
  return functions;
}

/** Function names by index, from the name section. */
function functionNames(bytes, start, end) {
  const names = new Map();
  let [length, at] = leb(bytes, start);
  if (bytes.toString("utf8", at, at + length) !== "name") return names;
  for (at += length; at < end; ) {
    const kind = bytes[at];
    const [size, next] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, next);
      for (; count > 0; count--) {
        let index;
        let nameLength;
        [index, p] = leb(bytes, p);
        [nameLength, p] = leb(bytes, p);
        names.set(index, bytes.toString("utf8", p, p + nameLength));
        p += nameLength;
      }
    }
    at = next + size;
  }
  return names;
}

/**
 * `bytes` with every function whose name matches `pattern` made to trap.
 * Returns the new module and how many functions were changed.
 */
export function trapFunctions(bytes, pattern) {
  const all = sections(bytes);
  const imports = all.find(([id]) => id === 2);
  const offset = imports ? importedFunctions(bytes, imports[2]) : 0;
  const names = new Map();
  for (const [id, , start, end] of all) {
    if (id === 0) for (const [i, name] of functionNames(bytes, start, end)) names.set(i, name);
  }
  // A chunk without names (wasm-split-cli writes none for the smallest)
  // is left as it is; the build checks that functions were found overall.
  if (names.size === 0) return { bytes, changed: 0 };
  const parts = [bytes.subarray(0, 8)];
  let changed = 0;
  for (const [id, head, start, end] of all) {
    if (id !== 10) {
      parts.push(bytes.subarray(head, end));
      continue;
    }
    let [count, at] = leb(bytes, start);
    const bodies = [encodeLeb(count)];
    for (let i = 0; i < count; i++) {
      const entry = at;
      const [size, body] = leb(bytes, at);
      at = body + size;
      if (!pattern.test(names.get(offset + i) ?? "")) {
        bodies.push(bytes.subarray(entry, at));
        continue;
      }
      // Keep the locals' declaration; the code is `unreachable end`.
      let [groups, p] = leb(bytes, body);
      for (; groups > 0; groups--) {
        [, p] = leb(bytes, p);
        p++;
      }
      const trap = Buffer.concat([bytes.subarray(body, p), Buffer.from([0x00, 0x0b])]);
      bodies.push(encodeLeb(trap.length), trap);
      changed++;
    }
    const contents = Buffer.concat(bodies);
    parts.push(Buffer.from([10]), encodeLeb(contents.length), contents);
  }
  return { bytes: Buffer.concat(parts), changed };
}
