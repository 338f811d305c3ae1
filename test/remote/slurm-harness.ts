/**
 * A real single-node Slurm for tests (the recipe: Debian 12 Slurm 22.05 as root, munge, no cgroups, no accounting): munged, slurmctld and slurmd
 * started with OUR slurm.conf in a temp dir (never /etc/slurm/slurm.conf, which is global); clients
 * find it through SLURM_CONF. No accounting database, so `sacct` answers nothing and states come from
 * squeue / scontrol. Skips with a reason when not root or not installed; in CI that is a failure.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, hostname, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/** A free TCP port on this machine: each test cluster gets its own, so two never share 6817/6818. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const BINARIES = ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/sbin/munged"];

export function slurmSkipReason(): string | false {
  const missing = BINARIES.filter((b) => !existsSync(b));
  const why = missing.length
    ? `Slurm is not installed (${missing.join(", ")} missing): apt-get install -y slurmctld slurmd slurm-client munge`
    : process.getuid?.() !== 0
      ? "a test Slurm must run as root (slurmd)"
      : undefined;
  if (!why) return false;
  if (process.env.CI === "true") throw new Error(`Slurm tests cannot run in CI: ${why}`);
  return why;
}

export interface SlurmCluster {
  dir: string;
  conf: string;
  /** Environment for clients (sbatch, squeue…): SLURM_CONF. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function sh(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function pidOf(file: string): number | undefined {
  return existsSync(file) ? Number(readFileSync(file, "utf8").trim()) || undefined : undefined;
}

async function waitFor(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** munged answers: a credential can be encoded. A socket FILE is not enough: one left by a munged that died
 * (a restarted machine, a copied disk) refuses connections, and slurmd then never registers. */
function mungeAnswers(): boolean {
  return spawnSync("munge", ["-n"], { stdio: "ignore" }).status === 0;
}

/** Starts munged unless one answers. `--force` replaces a dead one's socket; two test files may race here,
 * so a failed start is fine when the other one's munged answers. */
async function ensureMunged(): Promise<void> {
  if (mungeAnswers()) return;
  const key = "/etc/munge/munge.key";
  const uid = Number(sh("id", ["-u", "munge"]).trim());
  const gid = Number(sh("id", ["-g", "munge"]).trim());
  if (!existsSync(key)) {
    mkdirSync("/etc/munge", { recursive: true });
    try {
      writeFileSync(key, randomBytes(1024), { flag: "wx" }); // wx: a racing test file's key is kept
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  chownSync(key, uid, gid);
  chmodSync(key, 0o400);
  mkdirSync("/run/munge", { recursive: true });
  chownSync("/run/munge", uid, gid);
  const started = spawnSync("su", ["-s", "/bin/sh", "munge", "-c", "/usr/sbin/munged --force --pid-file=/run/munge/syllabus-test.pid"], { encoding: "utf8" });
  try {
    await waitFor("munged to answer", mungeAnswers, 10_000);
  } catch {
    throw new Error(`munged did not start: ${started.stderr || started.stdout}`);
  }
}

/** Starts munged (unless one answers), slurmctld and slurmd on ports of their own; resolves once the node is idle. */
export async function startSlurm(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), "syllabus-slurm-"));
  for (const d of ["state", "spool", "log"]) mkdirSync(join(dir, d));

  await ensureMunged();

  const host = hostname();
  const memMb = Math.max(1000, Math.floor(totalmem() / 2 ** 20) - 2000);
  const conf = join(dir, "slurm.conf");
  writeFileSync(
    conf,
    [
      "ClusterName=syllabustest",
      `SlurmctldPort=${await freePort()}`,
      `SlurmdPort=${await freePort()}`,
      `SlurmctldHost=${host}`,
      "SlurmUser=root",
      "SlurmdUser=root",
      "AuthType=auth/munge",
      `StateSaveLocation=${join(dir, "state")}`,
      `SlurmdSpoolDir=${join(dir, "spool")}`,
      `SlurmctldLogFile=${join(dir, "log", "ctld.log")}`,
      `SlurmdLogFile=${join(dir, "log", "d.log")}`,
      `SlurmctldPidFile=${join(dir, "ctld.pid")}`,
      `SlurmdPidFile=${join(dir, "d.pid")}`,
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "SchedulerType=sched/backfill",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_Core",
      "ReturnToService=2",
      "MpiDefault=none",
      "JobAcctGatherType=jobacct_gather/none",
      "AccountingStorageType=accounting_storage/none",
      "JobCompType=jobcomp/filetxt",
      `JobCompLoc=${join(dir, "log", "jobcomp.txt")}`,
      "MinJobAge=600",
      `NodeName=${host} CPUs=${cpus().length} RealMemory=${memMb} State=UNKNOWN`,
      `PartitionName=gpu Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      "",
    ].join("\n"),
  );
  const env = { SLURM_CONF: conf };
  sh("/usr/sbin/slurmctld", ["-f", conf], env);
  sh("/usr/sbin/slurmd", ["-f", conf], env);
  await waitFor("the node to be idle", () => {
    const r = spawnSync("sinfo", ["-h", "-o", "%t"], { encoding: "utf8", env: { ...process.env, ...env } });
    return r.status === 0 && /idle|mix/.test(r.stdout);
  }, 30_000);

  return {
    dir,
    conf,
    env,
    async stop() {
      // Jobs first (a slurmstepd outlives slurmd otherwise), then the daemons we started.
      const jobs = spawnSync("squeue", ["-h", "-o", "%A"], { encoding: "utf8", env: { ...process.env, ...env } }).stdout.split("\n").filter(Boolean);
      if (jobs.length) spawnSync("scancel", jobs, { env: { ...process.env, ...env } });
      await waitFor("jobs to end", () => spawnSync("squeue", ["-h"], { encoding: "utf8", env: { ...process.env, ...env } }).stdout.trim() === "", 30_000).catch(() => undefined);
      for (const f of ["ctld.pid", "d.pid"]) {
        const pid = pidOf(join(dir, f));
        if (pid) {
          try {
            process.kill(pid, "SIGTERM");
          } catch {
            /* already gone */
          }
        }
      }
      // munged is left running: it is one per machine (its socket is fixed), and another test file's
      // cluster (npm test runs two files at once) may still be using it.
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
