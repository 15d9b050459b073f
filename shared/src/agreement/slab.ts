/**
 * Fresh zeroed typed arrays cut from shared 64 KiB blocks (issue 13): the
 * agreement report makes tens of thousands of small arrays (token marks,
 * counts, merged intervals, overlap shares), and a view on a block is
 * cheaper to make and to collect than an array with a buffer of its own.
 * A block is never handed out twice; it is freed when no view on it is left.
 */
const BLOCK = 65536;
let block = new ArrayBuffer(0);
let used = 0;

function cut(bytes: number, align: number): number {
  used = Math.ceil(used / align) * align;
  if (used + bytes > block.byteLength) {
    block = new ArrayBuffer(BLOCK);
    used = 0;
  }
  const at = used;
  used += bytes;
  return at;
}

export function freshBytes(n: number): Uint8Array {
  if (n > 4096) return new Uint8Array(n);
  const at = cut(n, 1);
  return new Uint8Array(block, at, n);
}

export function freshFloats(n: number): Float64Array {
  if (n > 512) return new Float64Array(n);
  const at = cut(8 * n, 8);
  return new Float64Array(block, at, n);
}

export function freshInts(n: number): Int32Array {
  if (n > 1024) return new Int32Array(n);
  const at = cut(4 * n, 4);
  return new Int32Array(block, at, n);
}
