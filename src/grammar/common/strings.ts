/**
 * A copy of `s` that does not keep a bigger string alive. V8 makes a slice of a string (a token's
 * image, a regex capture) a view into its parent: a function name cut from a token of a 64 KiB
 * chunk keeps the whole chunk in memory for as long as the name lives. Strings a grammar keeps
 * (interned frames, cache keys, the model) go through this, so memory stays bounded by what is
 * kept rather than by the size of the input.
 */
export function detach(s: string): string {
  // V8 copies slices shorter than 13 characters (SlicedString::kMinLength) instead of viewing them.
  if (s.length < 13) return s;
  // Concatenation then slice makes V8 flatten into a fresh string of s.length + 1 characters.
  return (' ' + s).slice(1);
}
