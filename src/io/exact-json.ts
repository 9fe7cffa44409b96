// JSON that gives every number back exactly. JSON.stringify writes NaN and ±Infinity as null and −0
// as 0; a restart that must continue bit for bit cannot afford either, so those four values are
// written as {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"} and turned back on reading.
// Finite numbers need nothing: JSON.stringify prints the shortest decimal that parses back to them.

const TAG = '$number';

export function toExactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number') return v;
    if (Number.isNaN(v)) return { [TAG]: 'NaN' };
    if (v === Infinity) return { [TAG]: 'Infinity' };
    if (v === -Infinity) return { [TAG]: '-Infinity' };
    if (Object.is(v, -0)) return { [TAG]: '-0' };
    return v;
  });
}

export function fromExactJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0] !== TAG) return v;
    const tagged = (v as Record<string, unknown>)[TAG];
    if (tagged === 'NaN') return NaN;
    if (tagged === 'Infinity') return Infinity;
    if (tagged === '-Infinity') return -Infinity;
    if (tagged === '-0') return -0;
    return v;
  });
}
