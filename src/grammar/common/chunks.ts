/**
 * Streaming input is cut into chunks of whole lines, so that a grammar lexes and parses one
 * chunk at a time and memory does not grow with the input. A chunk always ends with '\n' (a
 * missing final newline is supplied) and knows the input line it starts on.
 */
export interface LineChunk {
  text: string;
  /** 1-based input line of the chunk's first character. */
  firstLine: number;
}

/** About 1 MiB of text per chunk: large enough to amortise per-call costs, small enough to stay cache- and GC-friendly. */
export const DEFAULT_CHUNK_CHARS = 1 << 20;

export class LineChunker {
  private pending = '';
  private nextLine = 1;
  private started = false;
  /** True once `end()` had to add the final newline: the input's last line was cut (or just unterminated). */
  suppliedFinalNewline = false;

  constructor(private readonly chunkChars = DEFAULT_CHUNK_CHARS) {}

  /** Feeds text; returns the complete-line chunks now available (often none). */
  push(text: string): LineChunk[] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is not part of the first line
    }
    this.pending += text;
    const out: LineChunk[] = [];
    while (this.pending.length >= this.chunkChars) {
      // The last line end within the chunk size; a line longer than that is one chunk on its own.
      let cut = this.pending.lastIndexOf('\n', this.chunkChars - 1);
      if (cut < 0) cut = this.pending.indexOf('\n', this.chunkChars);
      if (cut < 0) break; // one giant line: wait for its end
      out.push(this.take(cut + 1));
    }
    return out;
  }

  /** The rest of the input, newline-terminated; undefined when nothing is left. */
  end(): LineChunk | undefined {
    if (this.pending.length === 0) return undefined;
    if (!this.pending.endsWith('\n')) {
      this.pending += '\n';
      this.suppliedFinalNewline = true;
    }
    return this.take(this.pending.length);
  }

  private take(length: number): LineChunk {
    const text = this.pending.slice(0, length);
    this.pending = this.pending.slice(length);
    const chunk = { text, firstLine: this.nextLine };
    this.nextLine += countNewlines(text);
    return chunk;
  }
}

export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

