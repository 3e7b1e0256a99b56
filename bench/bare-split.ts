/**
 * The bare line pass, as a process of its own: the floor any line reader pays on a file. Reads
 * the file in 64 KiB pieces, decodes UTF-8, finds every newline and cuts each line out. 64 KiB,
 * not 1 MiB: a decoded piece over V8's largest regular object (128 KiB) is allocated on its own
 * mapping, and on some machines that made this pass 3-4 times slower than it can be (1.7 s
 * instead of 0.45 s for 100 MB), a floor heapdoc's ratios would have been flattered by.
 * Usage: node dist/bench/bare-split.js FILE
 */
import { createReadStream } from 'node:fs';

let lines = 0;
let characters = 0;
let carry = '';
const decoder = new TextDecoder('utf-8');
for await (const bytes of createReadStream(process.argv[2] ?? '', { highWaterMark: 1 << 16 })) {
  const text = carry + decoder.decode(bytes as Buffer, { stream: true });
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    characters += text.slice(start, i).length;
    lines++;
    start = i + 1;
  }
  carry = text.slice(start);
}
console.log(`${lines} lines, ${characters} characters`);
