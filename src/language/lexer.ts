/**
 * Tokenizer for `.syllabus`. Never throws: an unknown character becomes an `error` token and an
 * unterminated string ends at the end of its line, so the parser can always recover.
 */
export type TokenKind = "ident" | "string" | "number" | "punct" | "error" | "eof";

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** ident name, punctuation char, decoded string, or number source text. */
  text: string;
  /** Strings only: false when the closing quote is missing. */
  terminated?: boolean;
  /** Strings only: invalid escape offsets. */
  badEscape?: number;
}

export interface Lexed {
  tokens: Token[];
  comments: { start: number; end: number; text: string }[];
}

const PUNCT = new Set(["{", "}", "[", "]", "(", ")", "=", ",", "."]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 45; // `-` inside names: tiny-random-llama
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

export function lex(text: string): Lexed {
  const tokens: Token[] = [];
  const comments: Lexed["comments"] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 10) j++;
      let end = j;
      if (end > i && text.charCodeAt(end - 1) === 13) end--;
      comments.push({ start: i, end, text: text.slice(i + 1, end) });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      // A trailing `-` is not part of a name (keeps `a-` from swallowing an operator-like typo).
      while (j > i + 1 && text.charCodeAt(j - 1) === 45) j--;
      tokens.push({ kind: "ident", start: i, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isDigit(c) || ((c === 45 || c === 46) && i + 1 < n && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 46))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m && m[0].length > 0 && m[0] !== "-" && m[0] !== ".") {
        let j = i + m[0].length;
        // `1abc`: a number glued to letters is one bad token, not two good ones.
        if (j < n && isIdentStart(text.charCodeAt(j))) {
          while (j < n && isIdentPart(text.charCodeAt(j))) j++;
          tokens.push({ kind: "error", start: i, end: j, text: text.slice(i, j) });
        } else tokens.push({ kind: "number", start: i, end: j, text: m[0] });
        i = j;
        continue;
      }
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      let value = "";
      let terminated = false;
      let badEscape: number | undefined;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 34) {
          terminated = true;
          j++;
          break;
        }
        if (d === 10 || d === 13) break;
        if (d === 92 /* \ */ && j + 1 < n) {
          const e = text[j + 1]!;
          if (e === "n") value += "\n";
          else if (e === "t") value += "\t";
          else if (e === '"' || e === "\\") value += e;
          else {
            badEscape ??= j;
            value += e;
          }
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      const tok: Token = { kind: "string", start: i, end: j, text: value, terminated };
      if (badEscape !== undefined) tok.badEscape = badEscape;
      tokens.push(tok);
      i = j;
      continue;
    }
    const ch = text[i]!;
    if (PUNCT.has(ch)) {
      tokens.push({ kind: "punct", start: i, end: i + 1, text: ch });
      i++;
      continue;
    }
    // Unknown character (or a surrogate pair): one error token per run of such characters.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d <= 32 || d === 35 || d === 34 || isIdentStart(d) || isDigit(d) || PUNCT.has(text[j]!)) break;
      j++;
    }
    tokens.push({ kind: "error", start: i, end: j, text: text.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: "eof", start: n, end: n, text: "" });
  return { tokens, comments };
}
