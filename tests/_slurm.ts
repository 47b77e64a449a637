// A throwaway one-node Slurm cluster for tests: munged and Slurm's two daemons started by PID from a
// temporary folder (their own key, socket, ports, state and logs; /etc is not touched), and stopped by PID.
// Installs Debian's slurm-wlm and munge first where they are missing and we are root.

/** A running cluster: the environment its client commands (sbatch, squeue, scancel) need, and how to stop it. */
export interface SlurmCluster {
  env: Record<string, string>;
  dir: string;
  /** Seconds from nothing running to the node accepting jobs. */
  startSeconds: number;
  stop(): Promise<void>;
}

const DAEMONS = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"];

async function sh(cmd: string, args: string[], env?: Record<string, string>) {
  try {
    const r = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" }).output();
    const dec = new TextDecoder();
    return { code: r.code, out: dec.decode(r.stdout).trim(), err: dec.decode(r.stderr).trim() };
  } catch (e) {
    return { code: -1, out: "", err: e instanceof Error ? e.message : String(e) };
  }
}

async function missing(): Promise<string[]> {
  const found = await Promise.all(DAEMONS.map((d) => sh("sh", ["-c", `command -v ${d}`])));
  return DAEMONS.filter((_, i) => found[i].code !== 0);
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = l.addr as Deno.NetAddr;
  l.close();
  return port;
}

/**
 * Makes sure Slurm can run here, installing slurm-wlm and munge where missing and root: the seconds
 * the install took, or in one line why Slurm cannot be had.
 */
export async function ensureSlurm(): Promise<number | string> {
  if (Deno.build.os !== "linux") return "Slurm needs Linux";
  if ((await sh("id", ["-u"])).out !== "0") {
    return "a one-node Slurm cluster needs root (slurmd runs jobs as root)";
  }
  if ((await missing()).length === 0) return 0;
  const t0 = performance.now();
  const env = { DEBIAN_FRONTEND: "noninteractive", PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
  await sh("apt-get", ["update", "-qq"], env);
  const r = await sh("apt-get", ["install", "-y", "-qq", "slurm-wlm", "munge"], env);
  const still = await missing();
  if (still.length > 0) {
    return `slurm-wlm and munge could not be installed (${still.join(", ")} missing): ${
      r.err.split("\n").at(-1)
    }`;
  }
  return (performance.now() - t0) / 1000;
}

/** Starts the cluster (see {@linkcode ensureSlurm} first); throws if it does not come up. */
export async function startSlurm(): Promise<SlurmCluster> {
  const t0 = performance.now();
  const dir = await Deno.makeTempDir({ prefix: "symbreak-slurm-" });
  await Deno.chmod(dir, 0o755); // munged, as the munge user, must reach its folder inside
  const host = (await sh("hostname", ["-s"])).out;
  const children: Deno.ChildProcess[] = [];
  const stop = async () => {
    for (const c of children.reverse()) {
      try {
        c.kill("SIGTERM");
      } catch { /* already gone */ }
      const done = await Promise.race([
        c.status.then(() => true),
        new Promise((r) => setTimeout(r, 5000, false)),
      ]);
      if (!done) {
        try {
          c.kill("SIGKILL");
        } catch { /* gone */ }
        await c.status;
      }
    }
    if (!Deno.env.get("KEEP_SLURM_DIR")) await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    // munged: its own key (1 KiB, owner munge, mode 400) and socket, run as the munge user.
    const munge = `${dir}/munge`;
    await Deno.mkdir(munge);
    await Deno.writeFile(`${munge}/munge.key`, crypto.getRandomValues(new Uint8Array(1024)), { mode: 0o400 });
    await sh("chown", ["-R", "munge:munge", munge]);
    await Deno.chmod(munge, 0o755); // clients need to reach the socket
    const socket = `${munge}/munge.socket`;
    children.push(spawn("setpriv", [
      "--reuid=munge",
      "--regid=munge",
      "--init-groups",
      "munged",
      "-F",
      `--key-file=${munge}/munge.key`,
      `--socket=${socket}`,
      `--pid-file=${munge}/munged.pid`,
      `--log-file=${munge}/munged.log`,
      `--seed-file=${munge}/munged.seed`,
    ], `${dir}/munged.out`));
    await waitFor(async () => (await Deno.stat(socket).catch(() => null)) !== null, 10, "munged's socket");
    const [ctldPort, dPort] = [freePort(), freePort()];
    const cpus = navigator.hardwareConcurrency || 1;
    const conf = `${dir}/slurm.conf`;
    await Deno.mkdir(`${dir}/state`);
    await Deno.mkdir(`${dir}/spool`);
    await Deno.writeTextFile(
      conf,
      [
        "ClusterName=local",
        `SlurmctldHost=${host}(127.0.0.1)`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${dPort}`,
        "AuthType=auth/munge",
        "CredType=cred/munge",
        `AuthInfo=socket=${socket}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        `StateSaveLocation=${dir}/state`,
        `SlurmdSpoolDir=${dir}/spool`,
        `SlurmctldPidFile=${dir}/slurmctld.pid`,
        `SlurmdPidFile=${dir}/slurmd.pid`,
        `SlurmctldLogFile=${dir}/slurmctld.log`,
        `SlurmdLogFile=${dir}/slurmd.log`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "ReturnToService=2",
        "MpiDefault=none",
        // Schedule often: the test's jobs are seconds long.
        "SchedulerParameters=sched_interval=1,kill_invalid_depend",
        // sbatch --wait sleeps 2, 8, 32 s between polls, growing only while below MinJobAge/2: 4 keeps it at 2 s.
        "MinJobAge=4",
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN`,
        `PartitionName=main Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        "",
      ].join("\n"),
    );
    children.push(spawn("slurmctld", ["-D", "-i", "-f", conf], `${dir}/slurmctld.out`));
    children.push(spawn("slurmd", ["-D", "-f", conf], `${dir}/slurmd.out`));
    const env = { SLURM_CONF: conf };
    await waitFor(
      async () => {
        const r = await sh("sinfo", ["-h", "-N", "-o", "%T"], env);
        return r.code === 0 && /^(idle|mixed|allocated)/.test(r.out);
      },
      30,
      `the node to come up (logs in ${dir})`,
    );
    return { env, dir, startSeconds: (performance.now() - t0) / 1000, stop };
  } catch (e) {
    const logs = await Deno.readTextFile(`${dir}/slurmctld.log`).catch(() => "");
    await stop();
    throw new Error(
      `Cannot start a one-node Slurm cluster: ${e instanceof Error ? e.message : e}\n${logs.slice(-2000)}`,
    );
  }
}

function spawn(cmd: string, args: string[], log: string): Deno.ChildProcess {
  const file = Deno.openSync(log, { write: true, create: true });
  const child = new Deno.Command(cmd, { args, stdout: "null", stderr: "piped", stdin: "null" }).spawn();
  child.stderr.pipeTo(file.writable).catch(() => {});
  return child;
}

async function waitFor(ok: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
  const end = performance.now() + seconds * 1000;
  while (!(await ok())) {
    if (performance.now() > end) throw new Error(`Timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs a client command against the cluster. */
export function slurm(cluster: SlurmCluster, cmd: string, args: string[], env: Record<string, string> = {}) {
  return sh(cmd, args, { ...cluster.env, ...env });
}
