/** Every machine's transition table, in the order `ctb spec` prints them. */
import type { MachineTable } from '../core/machine.ts'
import { ORACLE_TABLE } from '../oracle/table.ts'
import { ESCROW_TABLE } from '../payments/table.ts'
import { ROUND_TABLE } from '../round/table.ts'
import { TASK_TABLE } from '../task/table.ts'
import { NODE_TABLE } from '../node/table.ts'
import { SESSION_TABLE } from '../session/table.ts'

export const MACHINE_TABLES: readonly MachineTable<string, string>[] = [SESSION_TABLE, TASK_TABLE, ROUND_TABLE, NODE_TABLE, ORACLE_TABLE, ESCROW_TABLE]
