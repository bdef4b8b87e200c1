// SPDX-License-Identifier: MIT
// contracts/src/SessionQueue.sol (phase 2)
pragma solidity ^0.8.24;

import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {SessionQueuePhases} from "./SessionQueuePhases.sol";
import {TaskRules} from "./libraries/TaskRules.sol";

/**
 * @title SessionQueue
 * @dev The user-task state machine on chain, the executable spec `protocol/task/machine.ts`
 * transcribed: Queued → Assigned → Acked → Precommitted → Committed → Validated → Ended.
 *
 * A session module queues a task; an oracle assigns exactly `redundant` distinct miners; each
 * miner acks, precommits a hash and reveals its result; an oracle closes each phase once every
 * miner acted or the phase deadline passed (miners that did not act are TimedOut); an oracle
 * submits the Proof-of-Inference verdicts and ends the task, which settles (quorum of valid
 * results) or refunds. A task short of its quorum goes back to the queue without the miners that
 * timed out, up to `maxReassignments` times, else it is refunded. After the total timeout an
 * oracle may force-end a task in any status.
 *
 * Oracle actions pass the OracleRegistry's check (the leader in strict mode). Every call then
 * checks the task exists and that the task table allows the action in the current status
 * ({SessionQueueWrongPhase}), then the checks of the spec in the spec's order, so a rejection here
 * is the spec's rejection (see the mapping in contracts/README.md). Session queues tasks (after
 * escrowing their funds in SessionPayment) and vets assignments; the ends of phases and tasks
 * carry out the spec's effects on NodePool, Session and SessionPayment (see {SessionQueuePhases}).
 */
contract SessionQueue is SessionQueuePhases {
    /// @dev `msPerTick_`: milliseconds per `block.timestamp` tick, 1000 on a real chain (see {msPerTick}).
    constructor(address initialOwner, uint256 msPerTick_) SessionQueuePhases(initialOwner, msPerTick_) {}

    // ---- queue and assignment ------------------------------------------------------------------

    /**
     * @notice Queues a new task of `sessionId` and returns its id (per session, from 0).
     * @dev Requirements: the caller is an allowed session module; 1 ≤ `redundant` ≤ {MAX_REDUNDANT};
     * `maxTokens` fits in 32 bits. The quorum is fixed now from the current quorum rule.
     * `escrow` is what the session holds for the task (at most this is charged).
     * Emits a {TaskQueued} event.
     */
    function enqueueTask(
        uint256 sessionId,
        uint256 redundant,
        uint256 modelId,
        uint256 maxTokens,
        uint256 escrow,
        address router,
        string calldata taskData
    ) external onlySessionModule returns (uint256 taskId) {
        if (redundant == 0 || redundant > MAX_REDUNDANT || maxTokens > type(uint32).max) {
            revert SessionQueueInvalidTaskConfig(redundant, maxTokens);
        }
        uint256 gid;
        Task storage t;
        (taskId, gid, t) = _createTask(sessionId);
        uint48 nowTick = Time.timestamp();
        t.gid = uint64(gid);
        t.createdAt = nowTick;
        t.updatedAt = nowTick;
        // Both casts are in range: redundant ≤ MAX_REDUNDANT and the quorum ≤ redundant.
        t.redundant = uint16(redundant);
        t.quorum = uint16(TaskRules.computeQuorum(_getParams().quorumRule, redundant));
        t.maxTokens = uint32(maxTokens);
        t.modelId = modelId;
        t.escrow = escrow;
        t.router = router;
        t.taskData = taskData;
        emit TaskQueued(sessionId, taskId, gid, taskData);
    }

    /**
     * @notice Assigns exactly `redundant` distinct miners to a queued task and opens the ack phase.
     * @dev Requirements: the caller is an oracle; every miner is one of the session's nodes, not
     * banned and online (Session's check, as the world makes it before the task machine); the task
     * is Queued; `miners` has `redundant` entries, none twice, none that timed out on this task
     * before. Emits a {TaskAssigned} event.
     */
    function assignTask(uint256 sessionId, uint256 taskId, address[] calldata miners) external onlyOracle {
        Task storage t = _getTask(sessionId, taskId);
        _getSession().checkAssignable(sessionId, miners);
        if (!TaskRules.isAllowed(t.status, TaskAction.Assign)) revert SessionQueueWrongPhase(sessionId, taskId, uint8(t.status));
        if (miners.length != t.redundant) revert SessionQueueWrongMinerCount(sessionId, taskId, miners.length, t.redundant);
        mapping(address => MinerSlot) storage slots = t.slots[t.reassignments];
        // The spec reports a duplicate before an excluded miner, whatever their positions: two passes.
        for (uint256 i = 0; i < miners.length; ++i) {
            MinerSlot storage slot = slots[miners[i]];
            if (slot.assigned) revert SessionQueueDuplicateMiner(sessionId, taskId, miners[i]);
            slot.assigned = true;
        }
        for (uint256 i = 0; i < miners.length; ++i) {
            if (t.excluded[miners[i]]) revert SessionQueueMinerNotEligible(sessionId, taskId, miners[i]);
        }
        t.miners = miners;
        _enterPhase(t, TaskStatus.Assigned, _toTicks(_getParams().ackDeadlineMs));
        emit TaskAssigned(sessionId, taskId, miners);
    }

    // ---- miner actions -------------------------------------------------------------------------

    /**
     * @notice The caller, an assigned miner, acknowledges the task.
     * @dev Requirements: the task is Assigned; the caller is assigned, has not acked and has not
     * timed out; the ack deadline has not passed. Emits a {TaskAcked} event.
     */
    function ack(uint256 sessionId, uint256 taskId) external {
        Task storage t = _openTask(sessionId, taskId, TaskAction.Ack);
        MinerSlot storage slot = _checkMinerMayAct(t, sessionId, taskId, MinerResultState.Assigned);
        uint48 nowTick = Time.timestamp();
        slot.state = MinerResultState.Acked;
        slot.ackedAt = nowTick;
        t.updatedAt = nowTick;
        emit TaskAcked(sessionId, taskId, msg.sender);
    }

    /**
     * @notice The caller, an acked miner, submits the hash of its result.
     * @dev Requirements: the task is Acked; the caller acked, has not precommitted and has not
     * timed out; the precommit deadline has not passed. The hash is checked at reveal under the
     * commit scheme in force then (see {getMinerBoundHash} and {getHash}).
     * Emits a {TaskPrecommitted} event.
     */
    function precommit(uint256 sessionId, uint256 taskId, bytes32 hash) external {
        Task storage t = _openTask(sessionId, taskId, TaskAction.Precommit);
        MinerSlot storage slot = _checkMinerMayAct(t, sessionId, taskId, MinerResultState.Acked);
        uint48 nowTick = Time.timestamp();
        slot.state = MinerResultState.Precommitted;
        slot.precommitHash = hash;
        slot.precommitAt = nowTick;
        t.updatedAt = nowTick;
        emit TaskPrecommitted(sessionId, taskId, msg.sender);
    }

    /**
     * @notice The caller, a precommitted miner, reveals its result, salt and output token count.
     * @dev Requirements: the task is Precommitted; the caller precommitted, has not revealed and
     * has not timed out; the commit deadline has not passed; the reveal hashes to the precommit.
     * The token count is capped at the task's `maxTokens`. Emits a {TaskCommitted} event.
     */
    function commit(uint256 sessionId, uint256 taskId, string calldata result, bytes32 salt, uint256 outputTokens) external {
        Task storage t = _openTask(sessionId, taskId, TaskAction.Commit);
        MinerSlot storage slot = _checkMinerMayAct(t, sessionId, taskId, MinerResultState.Precommitted);
        bytes32 revealHash = TaskRules.computePrecommitHash(_getParams().commitScheme, msg.sender, sessionId, taskId, salt, result);
        if (revealHash != slot.precommitHash) {
            revert SessionQueueRevealMismatch(sessionId, taskId, msg.sender, slot.precommitHash, revealHash);
        }
        uint48 nowTick = Time.timestamp();
        slot.state = MinerResultState.Committed;
        slot.result = result;
        slot.salt = salt;
        slot.committedAt = nowTick;
        // In range: capped at maxTokens, a uint32.
        slot.outputTokens = uint32(outputTokens < t.maxTokens ? outputTokens : t.maxTokens);
        t.updatedAt = nowTick;
        emit TaskCommitted(sessionId, taskId, msg.sender);
    }

    // ---- phase ends ----------------------------------------------------------------------------

    /**
     * @notice Closes the ack phase: miners that did not ack time out.
     * @dev Requirements: the caller is an oracle; the task is Assigned; every miner acked or the
     * ack deadline has been reached. Emits {MinerTimedOut} per late miner and {TaskAllAcked};
     * then the precommit phase opens, or, short of the quorum, {TaskRequeued} or
     * {TaskRefunded} and {TaskEnded}.
     */
    function endAck(uint256 sessionId, uint256 taskId) external onlyOracle {
        _endPhase(sessionId, taskId, TaskAction.EndAck, MinerResultState.Assigned, MinerResultState.Acked);
    }

    /**
     * @notice Closes the precommit phase: acked miners that did not precommit time out.
     * @dev Requirements and events as {endAck}, with {TaskAllPrecommitted}; the task must be Acked.
     */
    function endPrecommit(uint256 sessionId, uint256 taskId) external onlyOracle {
        _endPhase(sessionId, taskId, TaskAction.EndPrecommit, MinerResultState.Acked, MinerResultState.Precommitted);
    }

    /**
     * @notice Closes the commit phase: precommitted miners that did not reveal time out (and are
     * reported for slashing when `slashing` is MissedReveal, with {MinerSlashRequested}).
     * @dev Requirements and events as {endAck}, with {TaskAllCommitted}; the task must be Precommitted.
     */
    function endCommit(uint256 sessionId, uint256 taskId) external onlyOracle {
        _endPhase(sessionId, taskId, TaskAction.EndCommit, MinerResultState.Precommitted, MinerResultState.Committed);
    }

    // ---- validation and end --------------------------------------------------------------------

    /**
     * @notice Records the Proof-of-Inference verdicts: one per revealed result, `valid[i]` and
     * `similarities[i]` (cosine × 1e6, in [−1e6, 1e6]) for `miners[i]`.
     * @dev Requirements: the caller is an oracle; the task is Committed; the three arrays have the
     * same length, one entry per miner that revealed; each miner revealed and appears once.
     * The caller is recorded as the validator. Emits a {TaskValidated} event.
     */
    function validate(
        uint256 sessionId,
        uint256 taskId,
        address[] calldata miners,
        bool[] calldata valid,
        int256[] calldata similarities
    ) external onlyOracle {
        Task storage t = _openTask(sessionId, taskId, TaskAction.Validate);
        if (miners.length != valid.length || miners.length != similarities.length) {
            revert SessionQueueVerdictLengthMismatch(sessionId, taskId, miners.length, valid.length, similarities.length);
        }
        mapping(address => MinerSlot) storage slots = t.slots[t.reassignments];
        uint256 revealed = _countInState(t, slots, MinerResultState.Committed);
        if (miners.length != revealed) revert SessionQueueWrongVerdictCount(sessionId, taskId, miners.length, revealed);
        for (uint256 i = 0; i < miners.length; ++i) {
            _recordVerdict(sessionId, taskId, slots[miners[i]], miners[i], valid[i], similarities[i]);
        }
        _enterPhase(t, TaskStatus.Validated, 0);
        t.validatedBy = msg.sender;
        emit TaskValidated(
            sessionId, taskId, _minersInState(t, slots, MinerResultState.Valid), _minersInState(t, slots, MinerResultState.Outlier)
        );
    }

    /**
     * @notice Ends a task. A Validated task settles when at least the quorum of results is valid
     * and is refunded otherwise; any other task may only be force-ended, after the total timeout,
     * and is refunded.
     * @dev Requirements: the caller is an oracle; the task is not Ended; unless Validated,
     * `forceEnd` is true and `createdAt + totalTimeoutMs` (in ticks) has been reached.
     * Emits {TaskSettled} or {TaskRefunded}, then {TaskEnded}.
     */
    function end(uint256 sessionId, uint256 taskId, bool forceEnd) external onlyOracle {
        Task storage t = _openTask(sessionId, taskId, TaskAction.End);
        if (t.status != TaskStatus.Validated) {
            if (!forceEnd) revert SessionQueueWrongPhase(sessionId, taskId, uint8(t.status));
            uint256 timeoutAt = uint256(t.createdAt) + _toTicks(_getParams().totalTimeoutMs);
            if (block.timestamp < timeoutAt) revert SessionQueueTotalTimeoutNotReached(sessionId, taskId, timeoutAt);
            _finishFailed(t, sessionId, taskId, FailureReason.TimedOut);
            return;
        }
        mapping(address => MinerSlot) storage slots = t.slots[t.reassignments];
        if (_countInState(t, slots, MinerResultState.Valid) < t.quorum) {
            _finishFailed(t, sessionId, taskId, FailureReason.NoConsensus);
        } else {
            _finishSucceeded(t, sessionId, taskId, slots);
        }
    }

    // ---- internal: checks ----------------------------------------------------------------------

    /// @dev The caller's slot, after the spec's checks that it may act from per-miner state `expected`.
    function _checkMinerMayAct(Task storage t, uint256 sessionId, uint256 taskId, MinerResultState expected)
        private
        view
        returns (MinerSlot storage slot)
    {
        slot = t.slots[t.reassignments][msg.sender];
        if (!slot.assigned) revert SessionQueueNotAssignedMiner(sessionId, taskId, msg.sender);
        MinerResultState state = slot.state;
        if (state == MinerResultState.TimedOut) revert SessionQueueMinerTimedOut(sessionId, taskId, msg.sender);
        if (_progress(state) > _progress(expected)) revert SessionQueueAlreadyActed(sessionId, taskId, msg.sender, uint8(state));
        // Unreachable while the table holds (a slot in an open phase is waiting, done or TimedOut);
        // kept so that the contract rejects exactly as the spec's checkMinerMayAct does.
        if (state != expected) {
            if (expected == MinerResultState.Acked) revert SessionQueueNotAcked(sessionId, taskId, msg.sender, uint8(state));
            revert SessionQueueNotPrecommitted(sessionId, taskId, msg.sender, uint8(state));
        }
        uint256 deadline = t.phaseDeadline;
        if (deadline != 0 && block.timestamp > deadline) revert SessionQueueDeadlinePassed(sessionId, taskId, msg.sender, deadline);
    }

    /// @dev Position along the happy path (Valid and Outlier share the last step; TimedOut is handled apart).
    function _progress(MinerResultState state) private pure returns (uint256) {
        return state == MinerResultState.Outlier ? uint256(MinerResultState.Valid) : uint256(state);
    }

    function _recordVerdict(
        uint256 sessionId,
        uint256 taskId,
        MinerSlot storage slot,
        address miner,
        bool isValid,
        int256 similarity
    ) private {
        if (similarity < -TaskRules.SIMILARITY_SCALE || similarity > TaskRules.SIMILARITY_SCALE) {
            revert SessionQueueSimilarityOutOfRange(sessionId, taskId, miner, similarity);
        }
        // In a Committed task no slot is Valid or Outlier before this call: seeing one means a repeat.
        if (slot.state == MinerResultState.Valid || slot.state == MinerResultState.Outlier) {
            revert SessionQueueDuplicateMiner(sessionId, taskId, miner);
        }
        if (!slot.assigned || slot.state != MinerResultState.Committed) revert SessionQueueNotAssignedMiner(sessionId, taskId, miner);
        slot.state = isValid ? MinerResultState.Valid : MinerResultState.Outlier;
        // In range: |similarity| ≤ 1e6 < 2^31.
        slot.similarity = int32(similarity);
    }
}
