import { UsageError } from "./usage_error.ts";
import { CellUnreadableError } from "../runner/cell_store.ts";
import { MergeIncompleteError } from "../runner/merge_incomplete_error.ts";

/**
 * The exit status of a task whose parent process died (128 + SIGHUP's 1,
 * as a shell reports a process ended by a hang-up).
 *
 * @example
 * ```ts
 * import { ORPHAN_EXIT_CODE } from "./run_main.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ORPHAN_EXIT_CODE, 129);
 * ```
 */
export const ORPHAN_EXIT_CODE = 129;

/** How often, in milliseconds, {@linkcode runMain} looks whether its parent process is still there. */
const PARENT_POLL_MS = 1000;

/**
 * Runs a task's main function: a {@linkcode UsageError} or a cell file it
 * cannot read (`CellUnreadableError`) prints `<task>: <message>` on one line
 * and exits with status 2; any other error
 * is a bug or a failure of the machine and keeps its stack trace (exit 1).
 *
 * While the task runs, it looks every second whether its parent process
 * (the `deno task` that started it, or a shell) is still there: when
 * `Deno.ppid` changes, the parent has died (even by `kill -9`, which it
 * could not pass on) and the process has been re-parented, so the task
 * prints one line and exits with {@linkcode ORPHAN_EXIT_CODE}, its grid
 * workers with it. Cells already stored stay; a rerun resumes from them.
 * The check needs no permission and its timer does not keep the task
 * alive. Run a long grid under `nohup deno task …` (not `nohup deno run …`
 * from a shell that then exits) so that the parent outlives the terminal.
 *
 * @param task The task's name, prefixed to error lines.
 * @param main The task.
 *
 * @example
 * ```ts ignore
 * await runMain("table1", async () => { ... });
 * ```
 */
export async function runMain(task: string, main: () => Promise<void>): Promise<void> {
  const stopWatching = watchParent(task);
  try {
    await main();
  } catch (e) {
    if (e instanceof UsageError || e instanceof CellUnreadableError || e instanceof MergeIncompleteError) {
      console.error(`${task}: ${e.message}`);
      Deno.exit(2);
    }
    throw e;
  } finally {
    stopWatching();
  }
}

// Exits when the parent process goes away; returns the function that stops watching.
function watchParent(task: string): () => void {
  const parent = Deno.ppid;
  const timer = setInterval(() => {
    const now = Deno.ppid;
    if (now === parent) return;
    console.error(
      `${task}: parent process ${parent} is gone (now ${now}); stopping, finished cells are kept`,
    );
    Deno.exit(ORPHAN_EXIT_CODE);
  }, PARENT_POLL_MS);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}
