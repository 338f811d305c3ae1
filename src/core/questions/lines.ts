/**
 * Streams a text file line by line, checking UTF-8 per line. We split the raw bytes ourselves instead
 * of using node:readline because readline decodes invalid bytes to U+FFFD without a word, which would
 * hide a wrongly encoded file; splitting on byte 0x0A is exact because that byte never occurs inside a
 * multi-byte UTF-8 sequence. Only one chunk (64 KiB) and one line are held at a time.
 */
import { createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";

export interface TextLine {
  text: string;
  /** 1-based line number in the file. */
  line: number;
  /** False when the line's bytes are not valid UTF-8 (its text then holds U+FFFD replacements). */
  validUtf8: boolean;
}

const BOM = [0xef, 0xbb, 0xbf];

function decode(bytes: Buffer, line: number): TextLine {
  let begin = 0;
  let end = bytes.length;
  if (line === 1 && end >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) begin = 3;
  if (end > begin && bytes[end - 1] === 0x0d) end--;
  const body = bytes.subarray(begin, end);
  return { text: body.toString("utf8"), line, validUtf8: isUtf8(body) };
}

export async function* readLines(file: string): AsyncGenerator<TextLine> {
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  let carry: Buffer[] = [];
  let line = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      let piece = chunk.subarray(start, nl);
      if (carry.length) {
        piece = Buffer.concat([...carry, piece]);
        carry = [];
      }
      yield decode(piece, ++line);
      start = nl + 1;
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
  }
  if (carry.length) yield decode(Buffer.concat(carry), ++line);
}

/** The 1-based numbers of the lines of `bytes` (a run of whole lines starting at line `first`) that are not UTF-8. */
export function invalidUtf8Lines(bytes: Buffer, first: number): number[] {
  if (isUtf8(bytes)) return [];
  const bad: number[] = [];
  let start = 0;
  for (let line = first; start <= bytes.length; line++) {
    let nl = bytes.indexOf(0x0a, start);
    if (nl < 0) nl = bytes.length;
    if (!isUtf8(bytes.subarray(start, nl))) bad.push(line);
    start = nl + 1;
  }
  return bad;
}

/** A read failure as the user should read it: what is wrong with the path and how to fix it. */
export function readFailure(file: string, err: unknown): { file: string; line: number; message: string; fix: string } {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return { file, line: 0, message: "file not found", fix: "check the path" };
  if (e.code === "EISDIR") return { file, line: 0, message: "this is a folder, not a data file", fix: "give the path of the file inside it (e.g. train.jsonl or train.csv)" };
  if (e.code === "EACCES") return { file, line: 0, message: "permission denied reading this file", fix: "make the file readable (chmod +r)" };
  return { file, line: 0, message: `cannot read the file (${e.message})`, fix: "check the path" };
}
