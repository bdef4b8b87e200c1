/**
 * Vector driver for the user-session machine (SessionV2): owner, router, pool and stranger events,
 * each in a valid and a deliberately bad form, over sessions of every mode.
 */
import type { Ctx } from '../../core/context.ts'
import type { Rng } from '../../core/rng.ts'
import { computeSyntheticAddress, type Address } from '../../core/types.ts'
import { createSession, transitionSession } from '../../session/machine.ts'
import { SESSION_TABLE } from '../../session/table.ts'
import type { NewSession, SessionEvent, SessionMode, SessionState, SessionUpdate, TaskSubmission } from '../../session/types.ts'
import type { MachineDriver } from '../driver.ts'

const OWNER = computeSyntheticAddress(0xc11e47, 1)
const NEXT_OWNER = computeSyntheticAddress(0xc11e47, 2)
const POOL_ACTOR = computeSyntheticAddress(0x04ac1e, 1)
const ROUTERS: readonly Address[] = [1, 2, 3].map((i) => computeSyntheticAddress(0x4007e4, i))
const NODES: readonly Address[] = Array.from({ length: 6 }, (_, i) => computeSyntheticAddress(0x3113e4, i + 1))
const STRANGER = computeSyntheticAddress(0x3113e4, 99)
const ZERO = `0x${'0'.repeat(40)}` as Address
const NOT_AN_ADDRESS = '0xnot-an-address' as Address

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.nextInt(items.length)]!
}

function randomMode(rng: Rng): SessionMode {
  return rng.nextInt(3) as SessionMode
}

const SUBMISSION: TaskSubmission = {
  nodeType: 0,
  taskData: 'What is 2+2?',
  promptType: 1,
  promptTemplate: '',
  llmParams: [256, 70, 100, 40, 0, 0, 0],
  requestParams: [90, 0, 0, 0, 0, 0],
  clientReference: 'ref',
}

function nodeCount(state: SessionState): number {
  return state.ephemeralNodes.length + state.dedicatedNodes.length
}

/** An update near the current config: a shifted minimum (which moves Ready ⇄ Created), sometimes a new mode. */
function updateOf(state: SessionState, rng: Rng, valid: boolean): SessionUpdate {
  const c = state.config
  const minNumOfNodes = Math.max(1, nodeCount(state) + rng.nextInt(3) - 1)
  const maxNumOfNodes = Math.max(minNumOfNodes, c.maxNumOfNodes, nodeCount(state)) + rng.nextInt(2)
  const mode = rng.nextInt(3) === 0 ? randomMode(rng) : c.mode
  return {
    name: `${c.name}+`,
    metadata: c.metadata,
    minNumOfNodes,
    // An invalid update breaks one bound the config check must catch.
    maxNumOfNodes: valid ? maxNumOfNodes : minNumOfNodes - 1,
    redundant: Math.min(c.redundant, maxNumOfNodes),
    numOfValidatorNodes: c.numOfValidatorNodes,
    mode,
  }
}

function ownerEvents(state: SessionState, rng: Rng): SessionEvent[] {
  const owner = state.owner
  const router = state.routers.length > 0 && rng.nextInt(2) === 0 ? pick(rng, state.routers).address : pick(rng, ROUTERS)
  const dedicated = state.dedicatedNodes.length > 0 && rng.nextInt(2) === 0 ? pick(rng, state.dedicatedNodes) : pick(rng, NODES)
  return [
    { type: 'addRouter', actor: owner, router, metadata: 'https://router.example' },
    { type: 'addRouter', actor: owner, router: NOT_AN_ADDRESS, metadata: '' },
    { type: 'removeRouter', actor: owner, router },
    { type: 'addDedicatedNode', actor: owner, node: dedicated },
    { type: 'addDedicatedNode', actor: owner, node: pick(rng, NODES) },
    { type: 'removeDedicatedNode', actor: owner, node: dedicated },
    { type: 'update', actor: owner, ...updateOf(state, rng, true) },
    { type: 'update', actor: owner, ...updateOf(state, rng, rng.nextInt(3) > 0) },
    { type: 'updateOwner', actor: owner, newOwner: rng.nextInt(4) === 0 ? ZERO : owner === OWNER ? NEXT_OWNER : OWNER },
    { type: 'deactivate', actor: owner },
  ]
}

function poolEvents(state: SessionState, rng: Rng): SessionEvent[] {
  const free = NODES.filter((n) => !state.ephemeralNodes.includes(n) && !state.dedicatedNodes.includes(n))
  const one = free.length > 0 ? pick(rng, free) : pick(rng, NODES)
  const present = state.ephemeralNodes.length > 0 ? pick(rng, state.ephemeralNodes) : one
  return [
    { type: 'assignNodes', actor: POOL_ACTOR, nodes: [one] },
    { type: 'assignNodes', actor: POOL_ACTOR, nodes: free.slice(0, 1 + rng.nextInt(3)) },
    { type: 'assignNodes', actor: POOL_ACTOR, nodes: rng.nextInt(2) === 0 ? [one, one] : [] },
    { type: 'assignNodes', actor: POOL_ACTOR, nodes: [present] },
    { type: 'releaseNode', actor: POOL_ACTOR, node: present },
    { type: 'releaseNode', actor: POOL_ACTOR, node: rng.nextInt(2) === 0 ? STRANGER : NOT_AN_ADDRESS },
  ]
}

function submitEvents(state: SessionState, rng: Rng): SessionEvent[] {
  const submitter = state.routers.length > 0 && rng.nextInt(2) === 0 ? pick(rng, state.routers).address : state.owner
  const nodeType = state.config.mode === 1 ? 1 : state.config.mode === 0 ? 0 : rng.nextInt(2)
  return [
    { type: 'submit', actor: submitter, ...SUBMISSION, nodeType },
    { type: 'submit', actor: submitter, ...SUBMISSION, nodeType: 1 - nodeType },
    { type: 'submit', actor: submitter, ...SUBMISSION, nodeType, llmParams: rng.nextInt(2) === 0 ? [0] : [256, 500] },
    { type: 'submit', actor: STRANGER, ...SUBMISSION, nodeType },
  ]
}

function candidates(state: SessionState, rng: Rng): SessionEvent[] {
  return [
    ...ownerEvents(state, rng),
    ...poolEvents(state, rng),
    ...submitEvents(state, rng),
    { type: 'addRouter', actor: STRANGER, router: pick(rng, ROUTERS), metadata: '' },
    { type: 'deactivate', actor: NOT_AN_ADDRESS },
  ]
}

export const sessionDriver: MachineDriver<SessionState, SessionEvent, NewSession> = {
  table: SESSION_TABLE,
  paramVariants: [{}, { 'session.maxRouters': 1 }],
  initialInput(rng) {
    const mode = randomMode(rng)
    const minNumOfNodes = 1 + rng.nextInt(3)
    const maxNumOfNodes = minNumOfNodes + rng.nextInt(3)
    return {
      sessionId: rng.nextInt(100),
      owner: OWNER,
      name: 'vector session',
      metadata: 'Metadata',
      variableAddress: OWNER,
      minNumOfNodes,
      maxNumOfNodes,
      redundant: 1 + rng.nextInt(maxNumOfNodes),
      numOfValidatorNodes: rng.nextInt(2),
      mode,
      reserveEphemeralNodes: mode !== 1 && rng.nextInt(2) === 0,
      sla: 0,
      modelIdentifier: 9,
      reservePeriodMs: 300_000,
      maxTaskExecutionCount: 5,
    }
  },
  create(input, ctx: Ctx) {
    const created = createSession(input, ctx)
    if (!created.ok) throw new RangeError(`session driver built an invalid session: ${created.code}: ${created.message}`)
    return { state: created.state, effects: created.effects }
  },
  transition: transitionSession,
  statusOf: (s) => s.status,
  eventTypeOf: (e) => e.type,
  candidates: (state, rng) => candidates(state, rng),
  // Sessions have no deadlines: time only orders the events.
  timeSteps: (_state, nowMs) => [nowMs, nowMs + 1, nowMs + 1000],
  reachableRejections: [
    'SessionInactive',
    'WrongPhase',
    'MalformedEvent',
    'NotOwner',
    'AlreadyExists',
    'LimitExceeded',
    'NotRouter',
    'WrongSessionMode',
    'DuplicateMiner',
    'SessionFull',
    'UnknownNode',
    'InvalidSessionConfig',
  ],
}
