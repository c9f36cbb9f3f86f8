// The one canonical JSON of the app: keys sorted at every level (UTF-16 order), no whitespace,
// undefined members left out; so the same value always gives the same text (hashes, signatures,
// idempotency keys). The network simulator keeps its own on purpose: it checks the client
// independently.

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
