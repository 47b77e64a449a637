import { UsageError } from "./usage_error.ts";
import { CellUnreadableError } from "../runner/cell_store.ts";

/**
 * Runs a task's main function: a {@linkcode UsageError} or a cell file it
 * cannot read (`CellUnreadableError`) prints `<task>: <message>` on one line
 * and exits with status 2; any other error
 * is a bug or a failure of the machine and keeps its stack trace (exit 1).
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
  try {
    await main();
  } catch (e) {
    if (e instanceof UsageError || e instanceof CellUnreadableError) {
      console.error(`${task}: ${e.message}`);
      Deno.exit(2);
    }
    throw e;
  }
}
