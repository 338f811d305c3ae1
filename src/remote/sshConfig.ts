/**
 * Resolving a host the way `ssh` does: `user@host:port` or an alias from ~/.ssh/config (User, HostName,
 * Port, IdentityFile, ProxyJump, ProxyCommand, IdentityAgent, UserKnownHostsFile, GlobalKnownHostsFile). Parsing uses the `ssh-config`
 * package (a maintained parser with OpenSSH's first-value-wins `compute`); it does not follow
 * `Include`, so Include directives are expanded here, relative to ~/.ssh as OpenSSH does.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join, isAbsolute, dirname, basename } from "node:path";
import SSHConfig from "ssh-config";

export interface SshTarget {
  /** What the user wrote (alias or user@host:port), used in messages and as the pool key. */
  alias: string;
  hostName: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** Explicit IdentityFile lines exist: only they are tried (plus the agent). */
  identitiesConfigured: boolean;
  agent?: string;
  knownHostsFiles: string[];
  /** Checked after knownHostsFiles, never written (OpenSSH: /etc/ssh/ssh_known_hosts{,2} by default). */
  globalKnownHostsFiles: string[];
  /** A command whose stdin/stdout carry the SSH session (tokens %h %p %r %n %% expanded); ProxyJump wins when both are set. */
  proxyCommand?: string;
  /** Jump hosts, outermost first, each already resolved. */
  proxyJump: SshTarget[];
  connectTimeoutMs: number;
}

export interface ResolveOptions {
  /** ~/.ssh/config by default; tests pass their own. */
  configFile?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_IDENTITIES = ["id_ed25519", "id_ecdsa", "id_rsa"];

function expandTilde(p: string, home: string): string {
  return p === "~" ? home : p.startsWith("~/") ? join(home, p.slice(2)) : p;
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    "^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$",
  );
  return re.test(name);
}

/** Files an Include pattern names (globs allowed in the last path component), in lexical order. */
function includeFiles(pattern: string, home: string): string[] {
  const p = expandTilde(pattern, home);
  const abs = isAbsolute(p) ? p : join(home, ".ssh", p);
  const dir = dirname(abs);
  const base = basename(abs);
  if (!/[*?]/.test(base)) return existsSync(abs) ? [abs] : [];
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => globMatch(base, f)).sort().map((f) => join(dir, f));
}

/** The config text with every Include replaced by the included files' text (recursively, depth-limited). */
export function expandIncludes(file: string, home: string, depth = 0): string {
  if (depth > 16) throw new Error(`${file}: Include nested deeper than 16 levels (a loop?)`);
  if (!existsSync(file)) return "";
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  return lines
    .map((line) => {
      const m = line.match(/^\s*Include\s*[= ]\s*(.+?)\s*$/i);
      if (!m) return line;
      const patterns = (m[1] ?? "").match(/"[^"]*"|\S+/g) ?? [];
      return patterns
        .flatMap((pat) => includeFiles(pat.replace(/^"|"$/g, ""), home))
        .map((f) => expandIncludes(f, home, depth + 1))
        .join("\n");
    })
    .join("\n");
}

/** Splits `user@host:port` / `user@[v6]:port`; port and user may be absent. */
export function parseDestination(dest: string): { user?: string; host: string; port?: number } {
  const at = dest.lastIndexOf("@");
  const user = at >= 0 ? dest.slice(0, at) : undefined;
  let rest = at >= 0 ? dest.slice(at + 1) : dest;
  let port: number | undefined;
  const v6 = rest.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (v6) {
    rest = v6[1] ?? "";
    port = v6[2] ? Number(v6[2]) : undefined;
  } else {
    const m = rest.match(/^([^:]+):(\d+)$/);
    if (m) {
      rest = m[1] ?? "";
      port = Number(m[2]);
    }
  }
  if (!rest) throw new Error(`"${dest}" is not a host: write user@host[:port] or an alias from ~/.ssh/config`);
  return { user: user || undefined, host: rest, port };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
function all(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Expands ssh_config tokens: %d (home), %u (local user), %h, %p, %r, %n (the name as given), %%. */
function tokens(s: string, t: { home: string; host: string; port: number; user: string; original?: string }): string {
  return s.replace(/%([dhprun%])/g, (_, c: string) =>
    c === "d" ? t.home : c === "h" ? t.host : c === "p" ? String(t.port) : c === "r" ? t.user : c === "u" ? userInfo().username : c === "n" ? (t.original ?? t.host) : "%",
  );
}

export function resolveTarget(dest: string, opts: ResolveOptions = {}, depth = 0): SshTarget {
  if (depth > 8) throw new Error(`ProxyJump chain for ${dest} is longer than 8 hops (a loop?)`);
  const home = opts.home ?? homedir();
  const env = opts.env ?? process.env;
  const configFile = opts.configFile ?? join(home, ".ssh", "config");
  const parsed = parseDestination(dest);
  const text = expandIncludes(configFile, home);
  const cfg = SSHConfig.parse(text).compute({ Host: parsed.host, User: parsed.user } as never, {
    ignoreCase: true,
    matchExec: false,
  }) as Record<string, string | string[]>;
  const get = (k: string) => cfg[k.toLowerCase()] ?? cfg[k];

  const hostName = first(get("HostName")) ?? parsed.host;
  const port = parsed.port ?? Number(first(get("Port")) ?? 22);
  const user = parsed.user ?? first(get("User")) ?? env.USER ?? userInfo().username;
  const t = { home, host: hostName, port, user };
  const configured = all(get("IdentityFile")).map((f) => expandTilde(tokens(f, t), home));
  const identityFiles = configured.length
    ? configured
    : DEFAULT_IDENTITIES.map((f) => join(home, ".ssh", f)).filter((f) => existsSync(f));
  const agentSetting = first(get("IdentityAgent"));
  const agent =
    agentSetting === "none" ? undefined : agentSetting ? expandTilde(tokens(agentSetting, t), home) : env.SSH_AUTH_SOCK;
  const userKnown = all(get("UserKnownHostsFile")).flatMap((v) => v.split(/\s+/)).filter(Boolean);
  const knownHostsFiles = (userKnown.length ? userKnown : [join(home, ".ssh", "known_hosts")]).map((f) =>
    expandTilde(tokens(f, t), home),
  );
  const globalKnown = all(get("GlobalKnownHostsFile")).flatMap((v) => v.split(/\s+/)).filter(Boolean);
  const globalKnownHostsFiles = (globalKnown.length ? globalKnown : ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"]).map((f) =>
    expandTilde(tokens(f, t), home),
  );
  const proxyCommandSetting = first(get("ProxyCommand"));
  const proxyCommand = proxyCommandSetting && proxyCommandSetting !== "none" ? tokens(proxyCommandSetting, { ...t, original: parsed.host }) : undefined;
  const jump = first(get("ProxyJump"));
  const proxyJump =
    jump && jump !== "none" ? jump.split(",").map((j) => resolveTarget(j.trim(), opts, depth + 1)) : [];
  const timeout = Number(first(get("ConnectTimeout")) ?? 20);
  return {
    alias: dest,
    hostName,
    port,
    user,
    identityFiles,
    identitiesConfigured: configured.length > 0,
    agent,
    knownHostsFiles,
    globalKnownHostsFiles,
    proxyCommand,
    proxyJump,
    connectTimeoutMs: timeout * 1000,
  };
}
