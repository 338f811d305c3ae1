/**
 * Auth paths the real sshd of the other tests does not offer: password and keyboard-interactive through
 * the Prompter (against ssh2's own `Server` on loopback), and the ssh agent (real ssh-agent + sshd).
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server, type Connection } from "ssh2";
import { connect } from "../../src/remote/connection";
import { AuthError } from "../../src/remote/errors";
import type { Prompter, SecretQuestion } from "../../src/remote/prompter";
import { resolveTarget, type SshTarget } from "../../src/remote/sshConfig";
import { skipReason, startSshd, trustLine, type Sshd } from "./sshd-harness";

const dir = mkdtempSync(join(tmpdir(), "syllabus-auth-"));
spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "hostkey")]);
const hostKey = readFileSync(join(dir, "hostkey"));
let server: Server;
let port = 0;
let lastMethods: string[] = [];

before(async () => {
  server = new Server({ hostKeys: [hostKey] }, (client: Connection) => {
    client.on("authentication", (ctx) => {
      lastMethods.push(ctx.method);
      if (ctx.method === "password" && ctx.username === "pw" && ctx.password === "open sesame") return ctx.accept();
      if (ctx.method === "keyboard-interactive" && ctx.username === "kbd") {
        return ctx.prompt([{ prompt: "Verification code: ", echo: true }, { prompt: "Password: ", echo: false }], (answers) =>
          answers[0] === "123456" && answers[1] === "pa$$ word" ? ctx.accept() : ctx.reject(),
        );
      }
      ctx.reject(["password", "keyboard-interactive"]);
    });
    client.on("ready", () =>
      client.on("session", (accept) =>
        accept().on("exec", (acc, _rej, info) => {
          const ch = acc();
          ch.write(`ran: ${info.command}\n`);
          ch.exit(0);
          ch.end();
        }),
      ),
    );
    client.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
  const pub = spawnSync("ssh-keygen", ["-y", "-f", join(dir, "hostkey")], { encoding: "utf8" }).stdout.trim().split(/\s+/);
  writeFileSync(join(dir, "known_hosts"), `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}\n`);
});
after(() => server?.close());

function target(user: string): SshTarget {
  return { ...resolveTarget(`${user}@127.0.0.1:${port}`, { configFile: "/nonexistent", env: {} }), identityFiles: [], agent: undefined, knownHostsFiles: [join(dir, "known_hosts")] };
}

function answering(answers: Record<string, string>, asked: SecretQuestion[]): Prompter {
  return { confirmHostKey: async () => false, secret: async (q) => (asked.push(q), answers[q.prompt]) };
}

test("password asked through the prompter (hidden), used once", async () => {
  const asked: SecretQuestion[] = [];
  lastMethods = [];
  const conn = await connect(target("pw"), { prompter: answering({ "Password for pw@127.0.0.1": "open sesame" }, asked) });
  assert.equal((await conn.exec("echo hi")).stdout, "ran: echo hi\n");
  conn.close();
  assert.ok(asked.some((q) => q.kind === "password" && !q.echo));
  assert.equal(lastMethods[0], "none", "OpenSSH order: 'none' first to learn the methods");
});

test("keyboard-interactive: each server prompt goes to the prompter with its echo flag", async () => {
  const asked: SecretQuestion[] = [];
  const conn = await connect(target("kbd"), { prompter: answering({ "Verification code": "123456", Password: "pa$$ word" }, asked) });
  conn.close();
  assert.deepEqual(asked.filter((q) => q.kind === "keyboard-interactive").map((q) => [q.prompt, q.echo]), [["Verification code", true], ["Password", false]]);
});

test("a cancelled prompt ends in AuthError, not a hang", async () => {
  await assert.rejects(connect(target("pw"), { prompter: answering({}, []) }), AuthError);
});

const sshdSkip = skipReason();
let sshd: Sshd;
test("ssh-agent: a key held only by the agent logs in", { skip: sshdSkip }, async () => {
  sshd = await startSshd();
  try {
    writeFileSync(sshd.knownHosts, trustLine(sshd));
    const sock = join(dir, "agent.sock");
    const agent = spawnSync("ssh-agent", ["-a", sock, "-s"], { encoding: "utf8" });
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1]);
    try {
      assert.equal(spawnSync("ssh-add", ["-q", sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: sock } }).status, 0);
      const t = { ...resolveTarget("testhost", { configFile: sshd.sshConfig, env: {} }), identityFiles: [], agent: sock };
      const conn = await connect(t, { prompter: answering({}, []) });
      assert.equal((await conn.exec("echo agent")).stdout, "agent\n");
      conn.close();
    } finally {
      if (agentPid) process.kill(agentPid);
    }
  } finally {
    await sshd.stop();
  }
});
