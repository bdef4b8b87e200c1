/**
 * Who sends a command: the `msg.sender` of the contract call it stands for. On a chain the signer
 * is the sender, so a client may only send commands whose actor is its own account.
 */
import type { Address } from '../../protocol/core/types.ts'
import type { WorldCommand } from '../../protocol/world/types.ts'

/**
 * The actor of `command`; null for `checkLiveness`, which anyone may send (the sender then does
 * not matter to the protocol).
 */
export function getCommandSender(command: WorldCommand): Address | null {
  switch (command.type) {
    case 'session':
    case 'task':
    case 'round':
      // A malformed event (no object) has no sender; the protocol then refuses it as MalformedEvent.
      return (command.event as { actor?: Address } | null)?.actor ?? null
    case 'checkLiveness':
      return null
    default:
      return command.actor
  }
}

/** A short description of a command for logs: its type and, for entity commands, the event type. */
export function describeCommand(command: WorldCommand): string {
  switch (command.type) {
    case 'session':
      return `session.${command.event.type}(${command.sessionId})`
    case 'task':
      return `task.${command.event.type}(${command.sessionId}/${command.taskId})`
    case 'round':
      return `round.${command.event.type}(${command.roundId})`
    default:
      return command.type
  }
}
