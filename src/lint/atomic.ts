/** Writes a file so that readers see the old content or the new, never half of it: a temporary file beside it, then a rename. */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import fs from 'fs-extra';
import { HeapdocError } from '../input/errors.js';

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.ensureDir(dir);
    const handle = await open(temp, 'wx', 0o666);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync(); // the data is on disk before the name points at it
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw new HeapdocError(`${file}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'check that the directory exists and is writable');
  }
}
