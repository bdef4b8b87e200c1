/** Every machine's transition table, in the order `ctb spec` prints them. */
import type { MachineTable } from '../core/machine.ts'
import { TASK_TABLE } from '../task/table.ts'

export const MACHINE_TABLES: readonly MachineTable<string, string>[] = [TASK_TABLE]
