/**
 * The bare line pass, as a process of its own: the floor any line reader pays on a file. Reads
 * the file in 1 MiB pieces, decodes UTF-8, finds every newline and cuts each line out.
 * Usage: node dist/bench/bare-split.js FILE
 */
import { createReadStream } from 'node:fs';

let lines = 0;
let characters = 0;
let carry = '';
const decoder = new TextDecoder('utf-8');
for await (const bytes of createReadStream(process.argv[2] ?? '', { highWaterMark: 1 << 20 })) {
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
