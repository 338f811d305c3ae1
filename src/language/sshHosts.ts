/**
 * Host aliases from ~/.ssh/config for completing `ssh = "…"`. Parsed with the `ssh-config` package (a
 * faithful parser of OpenSSH's format, already a dependency of the remote layer). `Include` is honoured
 * when simple: paths relative to the main config's folder (~/.ssh, as OpenSSH does), `~/` paths, and `*`/`?` globs in the file name, up to 8 levels.
 * Wildcard patterns (`Host *`, `Host *.example`) and negations are not aliases and are skipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import SSHConfig from "ssh-config";

export interface SshAlias {
  alias: string;
  hostName?: string;
  user?: string;
  port?: string;
  file: string;
}

export function sshAliases(configFile = path.join(os.homedir(), ".ssh", "config")): SshAlias[] {
  const out: SshAlias[] = [];
  const seen = new Set<string>();
  readConfig(configFile, out, seen, 0, path.dirname(configFile));
  return out;
}

type Line = { type: number; param?: string; value?: unknown; config?: Line[] };

function values(v: unknown): string[] {
  if (typeof v === "string") return v.split(/\s+/).filter(Boolean);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : String((x as { val: string }).val)));
  return [];
}

function readConfig(file: string, out: SshAlias[], visited: Set<string>, depth: number, sshDir: string): void {
  if (depth > 8 || visited.has(file)) return;
  visited.add(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return;
  }
  let parsed: Line[];
  try {
    parsed = SSHConfig.parse(text) as unknown as Line[];
  } catch {
    return;
  }
  walk(parsed, file, out, visited, depth, sshDir);
}

function walk(lines: Line[], file: string, out: SshAlias[], visited: Set<string>, depth: number, sshDir: string): void {
  for (const line of lines) {
    if (line.type !== 1 || !line.param) continue;
    const param = line.param.toLowerCase();
    if (param === "include") {
      for (const pattern of values(line.value)) for (const f of expandInclude(pattern, sshDir)) readConfig(f, out, visited, depth + 1, sshDir);
    }
    if (param === "host") {
      const settings = new Map<string, string>();
      for (const d of line.config ?? []) if (d.type === 1 && d.param && typeof d.value === "string") settings.set(d.param.toLowerCase(), d.value);
      for (const alias of values(line.value)) {
        if (/[*?!]/.test(alias) || out.some((a) => a.alias === alias)) continue;
        const entry: SshAlias = { alias, file };
        const hn = settings.get("hostname");
        const user = settings.get("user");
        const port = settings.get("port");
        if (hn) entry.hostName = hn;
        if (user) entry.user = user;
        if (port) entry.port = port;
        out.push(entry);
      }
    }
    if (line.config) walk(line.config, file, out, visited, depth, sshDir);
  }
}

function expandInclude(pattern: string, sshDir: string): string[] {
  let p = pattern.startsWith("~/") ? path.join(os.homedir(), pattern.slice(2)) : pattern;
  if (!path.isAbsolute(p)) p = path.join(sshDir, p);
  const dir = path.dirname(p);
  const base = path.basename(p);
  if (/[*?]/.test(dir)) return []; // globs in folder names: not "simple"
  if (!/[*?]/.test(base)) return [p];
  const re = new RegExp("^" + base.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
