// A one-node Slurm cluster on this machine for the tests: munged, slurmctld and slurmd from a
// slurm.conf generated in a temporary folder (as root; proctrack/linuxproc, task/none,
// select/cons_tres; no accounting database, so task states come from squeue, and the job
// completion log, jobcomp/filetxt, is what `sacct --completion` reads). Without Slurm the
// tests that need it are skipped with a notice, except under CI=true, where they fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalSlurm {
  /** Environment for Slurm's commands (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  dir: string;
  stop(): void;
}

/** Why no local cluster can be had here, or null when one can. */
export function localSlurmUnavailable(): string | null {
  for (const tool of ['slurmctld', 'slurmd', 'munged', 'sbatch']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (apt-get install slurm-wlm munge)`;
  }
  if (process.getuid?.() !== 0) return 'the local Slurm daemons of the tests run as root';
  return null;
}

function confText(dir: string, node: string): string {
  return [
    'ClusterName=landau3d-test',
    `SlurmctldHost=${node}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'AuthType=auth/munge',
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`,
    `SlurmdPidFile=${dir}/slurmd.pid`,
    `SlurmctldLogFile=${dir}/slurmctld.log`,
    `SlurmdLogFile=${dir}/slurmd.log`,
    // Ports of their own, so a cluster left by an earlier run of the tests cannot answer.
    `SlurmctldPort=${17000 + (process.pid % 500) * 2}`,
    `SlurmdPort=${17001 + (process.pid % 500) * 2}`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core_Memory',
    'DefMemPerCPU=256',
    'MpiDefault=none',
    'ReturnToService=2',
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    // No accounting database; the job completion log is what `sacct --completion` reads.
    'JobCompType=jobcomp/filetxt',
    `JobCompLoc=${dir}/jobcomp.log`,
    'MinJobAge=3600',
    'SchedulerParameters=sched_interval=1',
    `NodeName=${node} CPUs=2 RealMemory=2048 State=UNKNOWN`,
    `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
    '',
  ].join('\n');
}

function ensureMunge(): void {
  if (spawnSync('sh', ['-c', 'munge -n | unmunge'], { stdio: 'ignore' }).status === 0) return;
  mkdirSync('/run/munge', { recursive: true });
  spawnSync('chown', ['munge:munge', '/run/munge']);
  if (!existsSync('/etc/munge/munge.key')) execFileSync('mungekey', ['--create']);
  execFileSync('munged', ['--force']);
}

async function waitFor(what: string, check: () => boolean, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`local Slurm: ${what} within ${seconds} s`);
}

/** Starts the cluster and waits until its node is idle. */
export async function startLocalSlurm(): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), 'landau3d-slurm-'));
  for (const sub of ['state', 'spool']) mkdirSync(join(dir, sub));
  const node = hostname().split('.')[0]!;
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, confText(dir, node));
  const env = { ...process.env, SLURM_CONF: conf };
  ensureMunge();
  execFileSync('slurmctld', ['-f', conf], { env });
  execFileSync('slurmd', ['-f', conf], { env });
  const stop = () => {
    const pids: number[] = [];
    for (const pid of ['slurmd.pid', 'slurmctld.pid']) {
      const file = join(dir, pid);
      if (!existsSync(file)) continue;
      const id = Number(readFileSync(file, 'utf8'));
      try {
        process.kill(id, 'SIGTERM');
        pids.push(id);
      } catch {
        // already gone
      }
    }
    // The controller saves its state as it stops: the folder goes once both have exited.
    const end = Date.now() + 15_000;
    const alive = (id: number) => {
      try {
        process.kill(id, 0);
        return true;
      } catch {
        return false;
      }
    };
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (pids.some(alive) && Date.now() < end) Atomics.wait(pause, 0, 0, 200);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    await waitFor('the node did not become idle', () => /idle/.test(spawnSync('sinfo', ['--noheader', '--format=%t'], { env, encoding: 'utf8' }).stdout ?? ''), 30);
  } catch (err) {
    const log = existsSync(join(dir, 'slurmctld.log')) ? readFileSync(join(dir, 'slurmctld.log'), 'utf8').split('\n').slice(-5).join('\n') : '';
    stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return { env, dir, stop };
}
