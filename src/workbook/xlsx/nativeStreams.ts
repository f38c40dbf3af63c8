/**
 * Raw deflate through the platform's own Compression Streams (`DecompressionStream`/`CompressionStream`
 * with "deflate-raw": every current browser, Node ≥ 20): native code, several times faster than inflating
 * or deflating in JavaScript, but asynchronous. The browser's zip paths use them (zipArchive.ts: `prepare`
 * inflates the parts a reader is about to need, `finished` deflates the new parts); Node uses its zlib.
 *
 * Inflating stops as soon as more than a limit has come out: the stream is cancelled, so a zip bomb is
 * never inflated further than the cap (the stream inflates only as far as it is read).
 */

/** Does this platform have the Compression Streams API with raw deflate? */
export function hasCompressionStreams(): boolean {
  const g = globalThis as {
    DecompressionStream?: unknown;
    CompressionStream?: unknown;
    ReadableStream?: unknown;
  };
  if (typeof g.DecompressionStream !== "function" || typeof g.CompressionStream !== "function") return false;
  if (typeof g.ReadableStream !== "function") return false;
  try {
    // older engines know "deflate" and "gzip" but not "deflate-raw" (Chromium < 103, Node < 20.12)
    new DecompressionStream("deflate-raw");
    new CompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

/**
 * The bytes as a stream of one chunk. Not `new Blob([bytes]).stream()`: Chromium keeps a Blob's bytes in
 * its browser process and streams them back in small pieces, 3–4 times slower than the inflating itself.
 */
function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

/** What came out of a raw deflate stream, or that it was more than the limit (then `chunks` is empty). */
export interface NativeInflated {
  chunks: Uint8Array[];
  /** Bytes that came out (more than `limit` when `overLimit`: counting stopped there). */
  size: number;
  overLimit: boolean;
}

/**
 * Inflates raw deflate data natively, keeping the chunks as they come; more than `limit` bytes cancels
 * the stream and reports `overLimit` (nothing kept). Damaged data rejects (the engine's own error).
 *
 * @example
 * const out = await inflateRawNatively(entryBytes, entry.size);
 * out.overLimit; // => false
 */
export async function inflateRawNatively(raw: Uint8Array, limit: number): Promise<NativeInflated> {
  return chunksOf(streamOf(raw).pipeThrough(new DecompressionStream("deflate-raw")), limit);
}

/** The stream's chunks as they come; past `limit` bytes the stream is cancelled and nothing is kept. */
async function chunksOf(stream: ReadableStream<Uint8Array>, limit = Infinity): Promise<NativeInflated> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { chunks: [], size, overLimit: true };
    }
    chunks.push(value);
  }
  return { chunks, size, overLimit: false };
}

/** The stream's bytes, joined. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const { chunks, size } = await chunksOf(stream);
  return joined(chunks, size);
}

/**
 * Chunks copied one after the other into one array of `size` bytes (their summed length).
 *
 * @example joined([new Uint8Array([1]), new Uint8Array([2, 3])], 3); // => Uint8Array [1, 2, 3]
 */
export function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The raw deflate stream of a gzip member with the plain 10-byte header (no name, comment or extra field:
 * what zlib and the Compression Streams write) and the CRC-32 its trailer carries.
 *
 * @example fromGzip(gzipSync(bytes)).crc; // => the CRC-32 of bytes
 */
export function fromGzip(gz: Uint8Array): { deflated: Uint8Array; crc: number } {
  const end = gz.length - 8;
  const crc = (gz[end] | (gz[end + 1] << 8) | (gz[end + 2] << 16) | (gz[end + 3] << 24)) >>> 0;
  return { deflated: gz.subarray(10, end), crc };
}

/**
 * `fromGzip` of a gzip member given as chunks (their summed `length`), without joining them: the raw
 * deflate data as views of the chunks, the 10-byte header and the 8-byte trailer cut off (the trailer may
 * be split between the last chunks).
 *
 * @example fromGzipPieces([gz.subarray(0, 12), gz.subarray(12)], gz.length).crc; // => fromGzip(gz).crc
 */
export function fromGzipPieces(
  chunks: readonly Uint8Array[],
  length: number,
): { deflated: Uint8Array[]; crc: number } {
  const end = length - 8;
  const deflated: Uint8Array[] = [];
  const trailer: number[] = [];
  let at = 0;
  for (const chunk of chunks) {
    const from = Math.max(10 - at, 0);
    const to = Math.min(end - at, chunk.length);
    if (to > from) deflated.push(chunk.subarray(from, to));
    for (let i = Math.max(end - at, 0); i < chunk.length && trailer.length < 4; i++) trailer.push(chunk[i]);
    at += chunk.length;
  }
  const crc = (trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (trailer[3] << 24)) >>> 0;
  return { deflated, crc };
}

/**
 * Deflates bytes natively (zlib's default level) to the raw deflate data a zip entry holds, with their
 * CRC-32 from the same native pass: gzip is raw deflate between a 10-byte header and a trailer that
 * carries the CRC-32. `crc` is null when the header is not the plain 10 bytes (then only the deflate
 * data is taken, and the caller computes the checksum).
 *
 * @example const { deflated, crc } = await deflateWithChecksum(new TextEncoder().encode("abc")); // crc: 0x352441c2
 */
export async function deflateWithChecksum(
  data: Uint8Array,
): Promise<{ deflated: Uint8Array; crc: number | null }> {
  const gz = await bytesOf(streamOf(data).pipeThrough(new CompressionStream("gzip")));
  // ID1 ID2 CM=8 FLG=0 (no name, comment or extra field): the deflate data starts at byte 10
  if (gz.length >= 18 && gz[0] === 0x1f && gz[1] === 0x8b && gz[2] === 8 && gz[3] === 0) return fromGzip(gz);
  return {
    deflated: await bytesOf(streamOf(data).pipeThrough(new CompressionStream("deflate-raw"))),
    crc: null,
  };
}
