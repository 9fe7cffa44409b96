// A small, safe arithmetic-expression compiler for a user-supplied φ(r) on the command line
// (no eval): numbers, the variable r, constants pi and e, + − * / ^ (or **), parentheses and
// the functions sin cos tan asin acos atan sinh cosh tanh exp log sqrt abs pow min max.

export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

type Node = (r: number) => number;

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  pow: Math.pow,
  min: Math.min,
  max: Math.max,
};
const ARITY: Record<string, number> = { pow: 2, min: 2, max: 2 };
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
/** Parsing and evaluation recurse once per nesting level and per operator: this bound keeps both off the stack limit. */
const MAX_TOKENS = 500;

interface Token {
  kind: 'num' | 'id' | 'op';
  text: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i));
    if (id) {
      tokens.push({ kind: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    if (src.startsWith('**', i)) {
      tokens.push({ kind: 'op', text: '^', pos: i });
      i += 2;
      continue;
    }
    if ('+-*/^(),'.includes(ch)) {
      tokens.push({ kind: 'op', text: ch, pos: i });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character '${ch}' at position ${i + 1}`);
  }
  return tokens;
}

/** Compiles an expression in r into a function; throws ExpressionError with the position of the problem. */
export function compileExpression(src: string): (r: number) => number {
  const tokens = tokenize(src);
  if (tokens.length > MAX_TOKENS) throw new ExpressionError(`the expression has ${tokens.length} tokens; at most ${MAX_TOKENS}`);
  let k = 0;
  const peek = () => tokens[k];
  const expectOp = (text: string) => {
    const t = tokens[k];
    if (!t || t.kind !== 'op' || t.text !== text) throw new ExpressionError(`expected '${text}' ${t ? `at position ${t.pos + 1}` : 'at the end'}`);
    k++;
  };
  const expr = (): Node => {
    let left = term();
    for (let t = peek(); t && t.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      k++;
      const right = term();
      const l = left;
      left = t.text === '+' ? (r) => l(r) + right(r) : (r) => l(r) - right(r);
    }
    return left;
  };
  const term = (): Node => {
    let left = unary();
    for (let t = peek(); t && t.kind === 'op' && (t.text === '*' || t.text === '/'); t = peek()) {
      k++;
      const right = unary();
      const l = left;
      left = t.text === '*' ? (r) => l(r) * right(r) : (r) => l(r) / right(r);
    }
    return left;
  };
  const unary = (): Node => {
    const t = peek();
    if (t && t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      k++;
      const inner = unary();
      return t.text === '-' ? (r) => -inner(r) : inner;
    }
    return power();
  };
  const power = (): Node => {
    const base = primary();
    const t = peek();
    if (t && t.kind === 'op' && t.text === '^') {
      k++;
      const exponent = unary(); // right-associative, binds tighter than unary minus on its left
      return (r) => Math.pow(base(r), exponent(r));
    }
    return base;
  };
  const primary = (): Node => {
    const t = tokens[k++];
    if (!t) throw new ExpressionError('unexpected end of expression');
    if (t.kind === 'num') {
      const v = Number(t.text);
      return () => v;
    }
    if (t.kind === 'id') {
      if (t.text === 'r') return (r) => r;
      if (t.text in CONSTANTS) {
        const v = CONSTANTS[t.text];
        return () => v;
      }
      const fn = FUNCTIONS[t.text];
      if (!fn) throw new ExpressionError(`unknown name '${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}' at position ${t.pos + 1} (the variable is r; functions: ${Object.keys(FUNCTIONS).join(' ')})`);
      expectOp('(');
      const args = [expr()];
      while (peek()?.kind === 'op' && peek().text === ',') {
        k++;
        args.push(expr());
      }
      expectOp(')');
      const arity = ARITY[t.text] ?? 1;
      if (args.length !== arity) throw new ExpressionError(`${t.text} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${args.length}`);
      if (arity === 1) {
        const a = args[0];
        return (r) => fn(a(r));
      }
      const [a, b] = args;
      return (r) => fn(a(r), b(r));
    }
    if (t.text === '(') {
      const inner = expr();
      expectOp(')');
      return inner;
    }
    throw new ExpressionError(`unexpected '${t.text}' at position ${t.pos + 1}`);
  };
  if (tokens.length === 0) throw new ExpressionError('empty expression');
  const node = expr();
  if (k < tokens.length) throw new ExpressionError(`unexpected '${tokens[k].text}' at position ${tokens[k].pos + 1}`);
  return node;
}
