/** A header cell as the readers compare it: case, spaces, "_", "-", ".", ":" and brackets ignored. */
export function normalizeHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_\-.:：()（）]/g, '');
}
