/**
 * Memory that direct I/O (`O_DIRECT`) accepts: Linux wants the buffer address, the file offset and
 * the length aligned to the device's logical block size (512 or 4096 bytes). A plain
 * `SharedArrayBuffer` comes from `malloc` and starts 16 bytes past a page boundary; the memory of
 * a `WebAssembly.Memory` is reserved page by page, so it starts on a page (64 KiB wasm pages) and
 * every slot of `slotSize` (a multiple of 1 MiB) inside it is aligned too.
 */

/** Alignment used for every direct request: a page, which covers 512- and 4096-byte devices. */
export const DIRECT_ALIGN = 4096;

const WASM_PAGE = 64 * 1024;

/** The one part of the WebAssembly API used here (the ES lib this folder compiles with lacks it). */
type WasmMemory = new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
};
const Memory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemory } }).WebAssembly
  .Memory;

/** `bytes` of zeroed shared memory starting on a page boundary. */
export function alignedSharedBuffer(bytes: number): SharedArrayBuffer {
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE));
  return new Memory({ initial: pages, maximum: pages, shared: true }).buffer as SharedArrayBuffer;
}

/** `bytes` of zeroed memory starting on a page boundary (not shared). */
export function alignedBuffer(bytes: number): ArrayBuffer {
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE));
  return new Memory({ initial: pages, maximum: pages }).buffer as ArrayBuffer;
}

/** The largest multiple of `DIRECT_ALIGN` not above `n`. */
export function alignDown(n: number): number {
  return n - (n % DIRECT_ALIGN);
}
