/**
 * Finds repeated keys among millions of rows in little memory: each key is kept as a 52-bit
 * hash and the line it was first seen on, in flat typed arrays (12 bytes a slot, at most half
 * full) instead of a Map of strings. Two different keys may share a hash, so a repeat is only a
 * suspect; the caller confirms suspects by comparing the real keys (see `suspects`).
 */
const EMPTY = 0;

/** FNV-1a over the UTF-16 code units, with a seed. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 52 bits of two independent 32-bit hashes; never 0 (the empty slot). */
function hash52(key: string): number {
  const a = fnv(key, 0x811c9dc5);
  const b = fnv(key, 0x01234567) & 0xfffff;
  return a * 0x100000 + b + 1;
}

export class KeyIndex {
  private hashes = new Float64Array(1 << 16);
  private lines = new Uint32Array(1 << 16);
  private size = 0;
  /**
   * Pairs [first line, later line] whose keys hash alike: duplicates, or (rarely) collisions.
   * The first 10,000 are kept; `moreSuspects` counts the rest.
   */
  readonly suspects: Array<[number, number]> = [];
  moreSuspects = 0;

  /** Remembers `key` first seen at `line`; a repeat of its hash is added to `suspects`. */
  add(key: string, line: number): void {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const h = hash52(key);
    const mask = this.hashes.length - 1;
    for (let i = h % this.hashes.length; ; i = (i + 1) & mask) {
      const at = this.hashes[i];
      if (at === EMPTY) {
        this.hashes[i] = h;
        this.lines[i] = line;
        this.size++;
        return;
      }
      if (at === h) {
        if (this.suspects.length < 10_000) this.suspects.push([this.lines[i] ?? 0, line]);
        else this.moreSuspects++;
        return;
      }
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldLines = this.lines;
    this.hashes = new Float64Array(oldHashes.length * 2);
    this.lines = new Uint32Array(oldLines.length * 2);
    const mask = this.hashes.length - 1;
    oldHashes.forEach((h, j) => {
      if (h === EMPTY) return;
      let i = h % this.hashes.length;
      while (this.hashes[i] !== EMPTY) i = (i + 1) & mask;
      this.hashes[i] = h;
      this.lines[i] = oldLines[j] ?? 0;
    });
  }

  /** Bytes held by the index. */
  get bytes(): number {
    return this.hashes.byteLength + this.lines.byteLength;
  }
}
