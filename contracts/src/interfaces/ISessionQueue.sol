// SPDX-License-Identifier: MIT
// contracts/src/interfaces/ISessionQueue.sol (phase 2)
pragma solidity ^0.8.24;

import {INodePoolStats} from "./INodePool.sol";
import {IOracleRegistry} from "./IOracleRegistry.sol";
import {ISessionForQueue} from "./ISession.sol";
import {ISessionPaymentQueue} from "./ISessionPayment.sol";

/**
 * @dev Types, events and errors of the user-task queue (SessionQueue).
 *
 * Every enum uses the order of the executable spec in `protocol/task/types.ts`, so a number read
 * from the chain means the same thing as the index of the spec's string union:
 * {TaskStatus} is `TASK_STATUSES`, {MinerResultState} is `MINER_RESULT_STATES`, {TaskAction} is
 * `TASK_EVENT_TYPES`. Errors are prefixed with the component and carry the failing values; the
 * protocol rejection code each one stands for is listed in `contracts/README.md`.
 */
interface ISessionQueueTypes {
    /// @dev Task status; the same numbers as `TASK_STATUSES` (Queued=0 … Ended=6).
    enum TaskStatus {
        Queued,
        Assigned,
        Acked,
        Precommitted,
        Committed,
        Validated,
        Ended
    }

    /// @dev Per-miner result state; the same order as `MINER_RESULT_STATES`.
    enum MinerResultState {
        Assigned,
        Acked,
        Precommitted,
        Committed,
        Valid,
        Outlier,
        TimedOut
    }

    /// @dev The events of the task table, in the order of `TASK_EVENT_TYPES`.
    enum TaskAction {
        Assign,
        Ack,
        EndAck,
        Precommit,
        EndPrecommit,
        Commit,
        EndCommit,
        Validate,
        End
    }

    /// @dev Why a task failed; `None` while running or after success, then `TaskFailureReason` in order.
    enum FailureReason {
        None,
        TooFewAcks,
        TooFewPrecommits,
        TooFewCommits,
        NoConsensus,
        TimedOut
    }

    /// @dev `userTask.quorumRule`: majority = max(1, ceil(redundant/2)); all = redundant; one = 1.
    enum QuorumRule {
        Majority,
        All,
        One
    }

    /// @dev `userTask.onShortage`: back to the queue (up to maxReassignments) or refund at once.
    enum OnShortage {
        Reassign,
        Refund
    }

    /// @dev `commitReveal.scheme`: miner-bound hash, or the published plain `getHash(result)`.
    enum CommitScheme {
        MinerBound,
        Plain
    }

    /// @dev `payments.slashing`: none, or slash a miner that precommitted and never revealed.
    enum Slashing {
        None,
        MissedReveal
    }

    /**
     * @dev The parameters of `protocol/params/spec.ts` the queue uses, in the spec's units (times
     * in milliseconds, each a whole number of clock ticks: see {SessionQueueConfig-msPerTick}).
     * Packed into one storage slot.
     */
    struct Params {
        uint32 ackDeadlineMs;
        uint32 precommitDeadlineMs;
        uint32 commitDeadlineMs;
        uint32 totalTimeoutMs;
        uint16 maxReassignments;
        QuorumRule quorumRule;
        OnShortage onShortage;
        CommitScheme commitScheme;
        Slashing slashing;
        uint16 slashBps;
    }

    /// @dev A task as `getTask` returns it. Times are `block.timestamp` values (ticks); 0 means unset.
    struct TaskView {
        uint256 sessionId;
        uint256 taskId;
        uint256 gid;
        TaskStatus status;
        uint32 phaseSeq;
        uint48 phaseDeadline;
        uint48 createdAt;
        uint48 updatedAt;
        uint48 finishedAt;
        uint16 redundant;
        uint16 quorum;
        uint16 reassignments;
        uint32 maxTokens;
        uint256 modelId;
        uint256 escrow;
        address router;
        address validatedBy;
        bool success;
        FailureReason failureReason;
        uint256 charge;
        address[] miners;
        string taskData;
    }

    /// @dev One miner's record in the task's current assignment, as `getMinerSlot` returns it.
    struct MinerSlotView {
        MinerResultState state;
        uint48 ackedAt;
        uint48 precommitAt;
        uint48 committedAt;
        uint32 outputTokens;
        int32 similarity;
        bytes32 precommitHash;
        bytes32 salt;
        string result;
    }
}

interface ISessionQueueEvents is ISessionQueueTypes {
    event TaskQueued(uint256 indexed sessionId, uint256 indexed taskId, uint256 gid, string taskData);
    event TaskAssigned(uint256 indexed sessionId, uint256 indexed taskId, address[] miners);
    event TaskAcked(uint256 indexed sessionId, uint256 indexed taskId, address indexed miner);
    event TaskPrecommitted(uint256 indexed sessionId, uint256 indexed taskId, address indexed miner);
    event TaskCommitted(uint256 indexed sessionId, uint256 indexed taskId, address indexed miner);
    /// @dev A miner missed the phase that just closed (`phase` is the status the task was in).
    event MinerTimedOut(uint256 indexed sessionId, uint256 indexed taskId, address indexed miner, TaskStatus phase);
    /// @dev `payments.slashing = missedReveal`: the payments module should slash `bps` of the stake.
    event MinerSlashRequested(uint256 indexed sessionId, uint256 indexed taskId, address indexed miner, uint16 bps);
    event TaskAllAcked(uint256 indexed sessionId, uint256 indexed taskId, address[] miners, bool forceEnd);
    event TaskAllPrecommitted(uint256 indexed sessionId, uint256 indexed taskId, address[] miners, bool forceEnd);
    event TaskAllCommitted(uint256 indexed sessionId, uint256 indexed taskId, address[] miners, bool forceEnd);
    event TaskRequeued(uint256 indexed sessionId, uint256 indexed taskId, uint16 reassignments, FailureReason reason);
    event TaskValidated(uint256 indexed sessionId, uint256 indexed taskId, address[] valid, address[] outliers);
    /// @dev Payment effect of a successful task: `charge` leaves the escrow, `refund` goes back to the session.
    event TaskSettled(
        uint256 indexed sessionId,
        uint256 indexed taskId,
        uint256 charge,
        uint256 refund,
        address[] miners,
        address validator,
        address router
    );
    /// @dev Payment effect of a failed task: the whole escrow goes back to the session.
    event TaskRefunded(uint256 indexed sessionId, uint256 indexed taskId, uint256 amount);
    event TaskEnded(uint256 indexed sessionId, uint256 indexed taskId, address[] miners, bool success, FailureReason reason);

    event ModulesUpdated(IOracleRegistry registry, ISessionPaymentQueue payment, INodePoolStats pool, ISessionForQueue session);
    event SessionModuleUpdated(address indexed module, bool allowed);
    event DeadlinesUpdated(uint32 ackDeadlineMs, uint32 precommitDeadlineMs, uint32 commitDeadlineMs, uint32 totalTimeoutMs);
    event ShortagePolicyUpdated(OnShortage onShortage, uint16 maxReassignments);
    event QuorumRuleUpdated(QuorumRule quorumRule);
    event CommitSchemeUpdated(CommitScheme commitScheme);
    event SlashingUpdated(Slashing slashing, uint16 slashBps);
    event PricingUpdated(uint256 pricePerMinerTask, uint256 pricePerOutputToken);
}

interface ISessionQueueErrors is ISessionQueueTypes {
    // ---- access ----
    error SessionQueueNotSessionModule(address account);
    error SessionQueueZeroAddress();
    // ---- parameters and new tasks ----
    error SessionQueueInvalidTimeUnit(uint256 msPerTick);
    error SessionQueueInvalidDeadline(uint256 valueMs, uint256 minMs, uint256 maxMs);
    error SessionQueueDeadlineNotWholeTicks(uint256 valueMs, uint256 msPerTick);
    error SessionQueueInvalidMaxReassignments(uint256 value, uint256 max);
    error SessionQueueInvalidBps(uint256 value);
    error SessionQueueInvalidTaskConfig(uint256 redundant, uint256 maxTokens);
    // ---- task and phase ----
    error SessionQueueUnknownTask(uint256 sessionId, uint256 taskId);
    error SessionQueueWrongPhase(uint256 sessionId, uint256 taskId, uint8 status);
    error SessionQueuePhaseNotOver(uint256 sessionId, uint256 taskId, uint256 stillWaiting, uint256 deadline);
    error SessionQueueTotalTimeoutNotReached(uint256 sessionId, uint256 taskId, uint256 timeoutAt);
    error SessionQueueDeadlinePassed(uint256 sessionId, uint256 taskId, address miner, uint256 deadline);
    error SessionQueueMinerTimedOut(uint256 sessionId, uint256 taskId, address miner);
    // ---- assignment ----
    error SessionQueueWrongMinerCount(uint256 sessionId, uint256 taskId, uint256 given, uint256 needed);
    error SessionQueueDuplicateMiner(uint256 sessionId, uint256 taskId, address miner);
    error SessionQueueMinerNotEligible(uint256 sessionId, uint256 taskId, address miner);
    // ---- miner actions ----
    error SessionQueueNotAssignedMiner(uint256 sessionId, uint256 taskId, address miner);
    error SessionQueueAlreadyActed(uint256 sessionId, uint256 taskId, address miner, uint8 state);
    error SessionQueueNotAcked(uint256 sessionId, uint256 taskId, address miner, uint8 state);
    error SessionQueueNotPrecommitted(uint256 sessionId, uint256 taskId, address miner, uint8 state);
    error SessionQueueRevealMismatch(uint256 sessionId, uint256 taskId, address miner, bytes32 precommitHash, bytes32 revealHash);
    // ---- validation ----
    error SessionQueueVerdictLengthMismatch(uint256 sessionId, uint256 taskId, uint256 miners, uint256 validFlags, uint256 similarities);
    error SessionQueueWrongVerdictCount(uint256 sessionId, uint256 taskId, uint256 given, uint256 revealed);
    error SessionQueueSimilarityOutOfRange(uint256 sessionId, uint256 taskId, address miner, int256 similarity);
}

/// @dev What Session uses: queue a submitted task, read the prices its escrow is computed from.
interface ISessionQueueForSession {
    function enqueueTask(
        uint256 sessionId,
        uint256 redundant,
        uint256 modelId,
        uint256 maxTokens,
        uint256 escrow,
        address router,
        string calldata taskData
    ) external returns (uint256 taskId);

    function getPricing() external view returns (uint256 pricePerMinerTask, uint256 pricePerOutputToken);

    function getTaskResults(uint256 sessionId, uint256 taskId) external view returns (address[] memory miners, string[] memory results);
}
