/**
 * The Sørensen–Dice kernel of privacy-preserving matching: one query encoding against many
 * candidate encodings, as 64-bit words with `i64.popcnt`, two candidates per iteration with the
 * query held in locals (the query words are loaded once per call, each candidate word once).
 *
 * The WebAssembly module is assembled here, from this source, when the module is first used: no
 * compiled binary is kept in the repository, so the binary can never drift from its source and
 * no compiler is needed (docs/decisions/0019-dice-kernel-in-webassembly.md). `diceJs` is the
 * plain-JavaScript fallback (SWAR popcount), used where WebAssembly is not available and as the
 * reference in the property tests.
 *
 * Scores: mode 'plain' is 2·|A∩B| / (|A| + |B|) (0 when both are empty). Mode 'balanced' scores
 * the first half of a balanced encoding (0017: the filter followed by its complement) as the whole:
 * with N bits per half, |A∩B| over both halves is c + (N − |A| − |B| + c), and each side has N
 * bits set, so Dice = (N − |A| − |B| + 2c) / N. The complement half carries no information the
 * first half lacks, so it is never loaded.
 */

export type DiceMode = 'plain' | 'balanced';

/** Encodings the kernel takes: 512 or 1024 bits (8 or 16 64-bit words). */
export type KernelWords = 8 | 16;

// ---- a tiny WebAssembly assembler ----

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

const vector = (items: number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, content: number[]): number[] => [id, ...unsignedLeb(content.length), ...content];
const nameBytes = (name: string): number[] => {
  const bytes = [...new TextEncoder().encode(name)];
  return [...unsignedLeb(bytes.length), ...bytes];
};

const I32 = 0x7f;
const I64 = 0x7e;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i64Load: 0x29,
  f32Store: 0x38,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32GtU: 0x4b,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Shl: 0x74,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64And: 0x83,
  f32Add: 0x92,
  f32Sub: 0x93,
  f32Div: 0x95,
  i32WrapI64: 0xa7,
  f32ConvertI32S: 0xb2,
  select: 0x1b,
} as const;

const f32Bytes = (value: number): number[] => [...new Uint8Array(new Float32Array([value]).buffer)];

/**
 * dice(query, candidates, indices, count, out, mode): scores of `query` against `count`
 * candidates. With gather = false candidates lie one after another from `candidates`; with
 * gather = true candidate i is at candidates + indices[i]·bytes. Scores go to out[i] as f32.
 */
function kernelBody(words: KernelWords, gather: boolean, balanced: boolean): number[] {
  const bytesPerEncoding = words * 8;
  const shift = Math.log2(bytesPerEncoding);
  const lanes = 2;
  // params: 0 query, 1 candidates, 2 counts, 3 indices, 4 count, 5 out
  const query = 0;
  const candidates = 1;
  const counts = 2;
  const indices = 3;
  const count = 4;
  const out = 5;
  // i32 locals: 6 pa, 7 i, 8 pb, 9.. lane pointers (4), then lane candidate numbers (4)
  const pa = 6;
  const index = 7;
  const pb = 8;
  const pointer = (lane: number) => 9 + lane;
  const number = (lane: number) => 9 + lanes + lane;
  // i64 locals: the current query word, then per lane common counts. The query stays in memory
  // (one load per word per two candidates): holding all its words in locals spills registers.
  const i64Base = 9 + 2 * lanes;
  const queryWord = i64Base;
  const common = (lane: number) => i64Base + 1 + lane;
  const locals = [
    [...unsignedLeb(3 + 2 * lanes), I32],
    [...unsignedLeb(1 + lanes), I64],
  ];

  const code: number[] = [];
  const emit = (...bytes: number[]) => code.push(...bytes);
  // Query words into locals, and their popcount.
  emit(op.i64Const, 0, op.localSet, common(0));
  for (let word = 0; word < words; word += 1) {
    emit(op.localGet, query, op.i64Load, 3, ...unsignedLeb(word * 8));
    emit(op.i64Popcnt, op.localGet, common(0), op.i64Add, op.localSet, common(0));
  }
  emit(op.localGet, common(0), op.i32WrapI64, op.localSet, pa);
  emit(op.i32Const, 0, op.localSet, index);

  const score = (lane: number) => {
    emit(
      op.localGet,
      counts,
      op.localGet,
      number(lane),
      op.i32Const,
      2,
      op.i32Shl,
      op.i32Add,
      op.i32Load,
      2,
      0,
    );
    emit(op.localSet, pb);
    emit(op.localGet, out, op.localGet, index, op.i32Const, ...signedLeb(lane), op.i32Add);
    emit(op.i32Const, 2, op.i32Shl, op.i32Add);
    if (balanced) {
      // (N − pa − pb + 2c) / N
      emit(op.i32Const, ...signedLeb(words * 64), op.localGet, pa, op.i32Sub, op.localGet, pb, op.i32Sub);
      emit(op.localGet, common(lane), op.i32WrapI64, op.i32Const, 1, op.i32Shl, op.i32Add);
      emit(op.f32ConvertI32S, op.f32Const, ...f32Bytes(words * 64), op.f32Div);
    } else {
      // pa + pb == 0 ? 0 : 2c / (pa + pb)
      emit(op.f32Const, ...f32Bytes(0));
      emit(op.localGet, common(lane), op.i32WrapI64, op.i32Const, 1, op.i32Shl, op.f32ConvertI32S);
      emit(op.localGet, pa, op.localGet, pb, op.i32Add, op.localTee, pb, op.f32ConvertI32S, op.f32Div);
      emit(op.localGet, pb, op.i32Eqz, op.select);
    }
    emit(op.f32Store, 2, 0);
  };

  const setPointer = (lane: number) => {
    if (gather) {
      emit(op.localGet, indices, op.localGet, index, op.i32Const, ...signedLeb(lane));
      emit(op.i32Add, op.i32Const, 2, op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.localTee, number(lane));
    } else {
      emit(op.localGet, index, op.i32Const, ...signedLeb(lane), op.i32Add, op.localTee, number(lane));
    }
    emit(
      op.i32Const,
      ...signedLeb(shift),
      op.i32Shl,
      op.localGet,
      candidates,
      op.i32Add,
      op.localSet,
      pointer(lane),
    );
  };

  const compareLanes = (laneCount: number) => {
    for (let lane = 0; lane < laneCount; lane += 1) {
      setPointer(lane);
      emit(op.i64Const, 0, op.localSet, common(lane));
    }
    for (let word = 0; word < words; word += 1) {
      emit(op.localGet, query, op.i64Load, 3, ...unsignedLeb(word * 8), op.localSet, queryWord);
      for (let lane = 0; lane < laneCount; lane += 1) {
        emit(op.localGet, pointer(lane), op.i64Load, 3, ...unsignedLeb(word * 8));
        emit(op.localGet, queryWord, op.i64And, op.i64Popcnt);
        emit(op.localGet, common(lane), op.i64Add, op.localSet, common(lane));
      }
    }
    for (let lane = 0; lane < laneCount; lane += 1) score(lane);
    emit(op.localGet, index, op.i32Const, ...signedLeb(laneCount), op.i32Add, op.localSet, index);
  };

  // Two at a time while index + 2 <= count.
  emit(op.block, 0x40, op.loop, 0x40);
  emit(op.localGet, index, op.i32Const, lanes, op.i32Add, op.localGet, count, op.i32GtU, op.brIf, 1);
  compareLanes(lanes);
  emit(op.br, 0, op.end, op.end);
  // Then one at a time.
  emit(op.block, 0x40, op.loop, 0x40);
  emit(op.localGet, index, op.localGet, count, op.i32LtU, op.i32Eqz, op.brIf, 1);
  compareLanes(1);
  emit(op.br, 0, op.end, op.end);
  emit(op.end);
  const body = [...vector(locals), ...code];
  return [...unsignedLeb(body.length), ...body];
}

const kernelVariants = ([16, 8] as const).flatMap((words) =>
  [false, true].flatMap((gather) =>
    [false, true].map((balanced) => ({
      name: kernelName(words, gather, balanced),
      words,
      gather,
      balanced,
    })),
  ),
);

function kernelName(words: KernelWords, gather: boolean, balanced: boolean): string {
  return `dice${words}${gather ? 'Gather' : ''}${balanced ? 'Balanced' : ''}`;
}

/** The kernel module's bytes: eight exported functions and an exported, growable memory. */
export function diceKernelModuleBytes(): Uint8Array {
  const signature = [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32]]), 0x00];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector([signature])),
    ...section(3, vector(kernelVariants.map(() => [0]))),
    ...section(5, vector([[0x01, ...unsignedLeb(1), ...unsignedLeb(65536)]])),
    ...section(
      7,
      vector([
        [...nameBytes('memory'), 0x02, 0],
        ...kernelVariants.map((variant, index) => [...nameBytes(variant.name), 0x00, index]),
      ]),
    ),
    ...section(
      10,
      vector(kernelVariants.map((variant) => kernelBody(variant.words, variant.gather, variant.balanced))),
    ),
  ];
  return new Uint8Array(bytes);
}

type KernelFunction = (
  query: number,
  candidates: number,
  counts: number,
  indices: number,
  count: number,
  out: number,
) => void;

/**
 * One instance of the kernel with its own memory. Memory is handed out by `reserve` (a bump
 * allocator: regions live as long as the kernel).
 */
export class DiceKernel {
  readonly memory: WebAssembly.Memory;
  private readonly functions: Record<string, KernelFunction>;
  private top = 0;

  private constructor(instance: WebAssembly.Instance) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.functions = instance.exports as unknown as DiceKernel['functions'];
  }

  static create(): DiceKernel {
    return new DiceKernel(new WebAssembly.Instance(compiledKernel()));
  }

  /** A region of `bytes` bytes, 64-byte aligned; grows the memory as needed. */
  reserve(bytes: number): number {
    const start = Math.ceil(this.top / 64) * 64;
    const end = start + bytes;
    const needed = Math.ceil(end / 65536) - this.memory.buffer.byteLength / 65536;
    if (needed > 0) this.memory.grow(needed);
    this.top = end;
    return start;
  }

  bytes(at: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, at, length);
  }

  /**
   * Query at `query` against `count` encodings stored one after another at `candidates`, whose
   * set-bit counts are the u32s at `counts`.
   */
  many(
    words: KernelWords,
    query: number,
    candidates: number,
    counts: number,
    count: number,
    out: number,
    mode: DiceMode,
  ): void {
    this.functions[kernelName(words, false, mode === 'balanced')]!(query, candidates, counts, 0, count, out);
  }

  /** Query against the encodings numbered by the u32s at `indices`, from `candidates` (counts by number). */
  gather(
    words: KernelWords,
    query: number,
    candidates: number,
    counts: number,
    indices: number,
    count: number,
    out: number,
    mode: DiceMode,
  ): void {
    this.functions[kernelName(words, true, mode === 'balanced')]!(
      query,
      candidates,
      counts,
      indices,
      count,
      out,
    );
  }
}

let compiled: WebAssembly.Module | undefined;
function compiledKernel(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(diceKernelModuleBytes() as Uint8Array<ArrayBuffer>);
  return compiled;
}

/** Whether this runtime can run the WebAssembly kernel. */
export function hasWebAssemblyKernel(): boolean {
  try {
    compiledKernel();
    return true;
  } catch {
    return false;
  }
}

// ---- the JavaScript fallback ----

/** Set bits of a 32-bit word (SWAR). */
export function popcount32(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The same score in JavaScript over 32-bit words: `left` and `right` are word arrays, the
 * encodings at word offsets `leftAt`, `rightAt`, `words32` words long. Returns a float32-rounded
 * score, as the kernel stores.
 */
export function diceJs(
  left: Uint32Array,
  leftAt: number,
  right: Uint32Array,
  rightAt: number,
  words32: number,
  mode: DiceMode,
): number {
  let common = 0;
  let leftCount = 0;
  let rightCount = 0;
  for (let word = 0; word < words32; word += 1) {
    const leftWord = left[leftAt + word]!;
    const rightWord = right[rightAt + word]!;
    common += popcount32(leftWord & rightWord);
    leftCount += popcount32(leftWord);
    rightCount += popcount32(rightWord);
  }
  return diceFromCounts(common, leftCount, rightCount, words32 * 32, mode);
}

/** The kernel's formula, rounded to float32 as the kernel stores it. */
export function diceFromCounts(
  common: number,
  leftCount: number,
  rightCount: number,
  bits: number,
  mode: DiceMode,
): number {
  if (mode === 'balanced')
    return Math.fround(Math.fround(bits - leftCount - rightCount + 2 * common) / Math.fround(bits));
  const total = leftCount + rightCount;
  return total === 0 ? 0 : Math.fround(Math.fround(2 * common) / Math.fround(total));
}
