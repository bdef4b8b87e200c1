// SPDX-License-Identifier: MIT
// contracts/src/SessionQueuePhases.sol (phase 2)
pragma solidity ^0.8.24;

import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {INodePoolTypes} from "./interfaces/INodePool.sol";
import {ISessionPaymentTypes} from "./interfaces/ISessionPayment.sol";
import {SessionQueueStorage} from "./SessionQueueStorage.sol";
import {TaskRules} from "./libraries/TaskRules.sol";

/**
 * @dev How a task moves between phases, from `protocol/task/machine.ts`: opening a phase with its
 * deadline, closing one (late miners time out), requeueing or refunding a task short of its
 * quorum, and finishing a task with its payment effect ({TaskSettled} or {TaskRefunded}).
 * {SessionQueue} calls these after its checks; nothing here is reachable from outside.
 *
 * The effects the spec returns for other entities are carried out here, in the order
 * `protocol/world/route.ts` applies them: a phase end records each miner's NodeStats attempt
 * (Ack, Precommit or Commit) in NodePool and asks SessionPayment to slash a withheld reveal; a
 * task end records the Correctness verdicts, counts the task against each miner's reservation
 * (Session, which releases a node whose task count is reached), then settles or refunds the
 * escrow in SessionPayment. The task's own state is written before any of these calls.
 */
abstract contract SessionQueuePhases is SessionQueueStorage {
    constructor(address initialOwner, uint256 msPerTick_) SessionQueueStorage(initialOwner, msPerTick_) {}

    /// @dev The task, after checking it exists and that the table allows `action` now.
    function _openTask(uint256 sessionId, uint256 taskId, TaskAction action) internal view returns (Task storage t) {
        t = _getTask(sessionId, taskId);
        if (!TaskRules.isAllowed(t.status, action)) revert SessionQueueWrongPhase(sessionId, taskId, uint8(t.status));
    }

    // ---- phase transitions ---------------------------------------------------------------------

    /**
     * @dev Closes the phase in which miners move from `waiting` to `done`: allowed once nobody is
     * still waiting or once the deadline has been reached. Late miners time out; every miner in
     * the phase gets its NodeStats attempt.
     */
    function _endPhase(uint256 sessionId, uint256 taskId, TaskAction action, MinerResultState waiting, MinerResultState done)
        internal
    {
        Task storage t = _openTask(sessionId, taskId, action);
        mapping(address => MinerSlot) storage slots = t.slots[t.reassignments];
        uint256 stillWaiting = _countInState(t, slots, waiting);
        // An open phase always has a deadline (at least one tick), so 0 never reads as "passed" here.
        if (stillWaiting > 0 && block.timestamp < t.phaseDeadline) {
            revert SessionQueuePhaseNotOver(sessionId, taskId, stillWaiting, t.phaseDeadline);
        }
        Params memory p = _getParams();
        INodePoolTypes.Metric metric = _phaseMetric(done);
        address[] memory survivors = new address[](t.miners.length);
        uint256 survivorCount;
        for (uint256 i = 0; i < survivors.length; ++i) {
            address miner = t.miners[i];
            MinerSlot storage slot = slots[miner];
            if (slot.state == done) {
                survivors[survivorCount++] = miner;
                _getPool().recordStat(miner, metric, true);
            } else if (slot.state == waiting) {
                _timeOut(sessionId, taskId, t.status, slot, miner, metric, p);
            }
        }
        _truncate(survivors, survivorCount);
        _emitPhaseClosed(sessionId, taskId, done, survivors, stillWaiting > 0);
        // Every branch enters a phase, which also sets updatedAt.
        if (survivorCount < t.quorum) {
            _handleShortage(t, sessionId, taskId, _shortageReason(done), slots, p);
        } else if (done == MinerResultState.Committed) {
            _enterPhase(t, TaskStatus.Committed, 0);
        } else if (done == MinerResultState.Acked) {
            _enterPhase(t, TaskStatus.Acked, _toTicks(p.precommitDeadlineMs));
        } else {
            _enterPhase(t, TaskStatus.Precommitted, _toTicks(p.commitDeadlineMs));
        }
    }

    /**
     * @dev Marks a late miner TimedOut and records its failed attempt; a withheld reveal is slashed
     * when `slashing` asks for it.
     */
    function _timeOut(
        uint256 sessionId,
        uint256 taskId,
        TaskStatus phase,
        MinerSlot storage slot,
        address miner,
        INodePoolTypes.Metric metric,
        Params memory p
    ) private {
        slot.state = MinerResultState.TimedOut;
        emit MinerTimedOut(sessionId, taskId, miner, phase);
        _getPool().recordStat(miner, metric, false);
        if (phase == TaskStatus.Precommitted && p.slashing == Slashing.MissedReveal) {
            emit MinerSlashRequested(sessionId, taskId, miner, p.slashBps);
            _getPayment().slash(miner, p.slashBps, ISessionPaymentTypes.SlashReason.MissedReveal);
        }
    }

    /// @dev The NodeStats metric of the phase whose miners reach `done`.
    function _phaseMetric(MinerResultState done) private pure returns (INodePoolTypes.Metric) {
        if (done == MinerResultState.Acked) return INodePoolTypes.Metric.Ack;
        if (done == MinerResultState.Precommitted) return INodePoolTypes.Metric.Precommit;
        return INodePoolTypes.Metric.Commit;
    }

    function _emitPhaseClosed(uint256 sessionId, uint256 taskId, MinerResultState done, address[] memory survivors, bool forceEnd)
        private
    {
        if (done == MinerResultState.Acked) emit TaskAllAcked(sessionId, taskId, survivors, forceEnd);
        else if (done == MinerResultState.Precommitted) emit TaskAllPrecommitted(sessionId, taskId, survivors, forceEnd);
        else emit TaskAllCommitted(sessionId, taskId, survivors, forceEnd);
    }

    function _shortageReason(MinerResultState done) private pure returns (FailureReason) {
        if (done == MinerResultState.Acked) return FailureReason.TooFewAcks;
        if (done == MinerResultState.Precommitted) return FailureReason.TooFewPrecommits;
        return FailureReason.TooFewCommits;
    }

    /// @dev Too few miners left: back to the queue without the miners that timed out, or refund.
    function _handleShortage(
        Task storage t,
        uint256 sessionId,
        uint256 taskId,
        FailureReason reason,
        mapping(address => MinerSlot) storage slots,
        Params memory p
    ) private {
        if (p.onShortage != OnShortage.Reassign || t.reassignments >= p.maxReassignments) {
            _finishFailed(t, sessionId, taskId, reason);
            return;
        }
        for (uint256 i = 0; i < t.miners.length; ++i) {
            address miner = t.miners[i];
            if (slots[miner].state == MinerResultState.TimedOut) t.excluded[miner] = true;
        }
        delete t.miners;
        // The next round's slots start empty: they live under the new reassignment count.
        ++t.reassignments;
        _enterPhase(t, TaskStatus.Queued, 0);
        emit TaskRequeued(sessionId, taskId, t.reassignments, reason);
    }

    function _finishSucceeded(Task storage t, uint256 sessionId, uint256 taskId, mapping(address => MinerSlot) storage slots)
        internal
    {
        address[] memory validMiners = _minersInState(t, slots, MinerResultState.Valid);
        uint256 charge = _computeCharge(t, slots, validMiners);
        _enterPhase(t, TaskStatus.Ended, 0);
        t.finishedAt = t.updatedAt;
        t.success = true;
        t.charge = charge;
        _recordEndEffects(t, sessionId, slots, true);
        address[] memory validators = new address[](1);
        validators[0] = t.validatedBy;
        _getPayment().payFromSessionToNetwork(sessionId, taskId, charge, validMiners, validators, t.router);
        // charge ≤ escrow by construction (computeCharge caps it).
        emit TaskSettled(sessionId, taskId, charge, t.escrow - charge, validMiners, t.validatedBy, t.router);
        emit TaskEnded(sessionId, taskId, validMiners, true, FailureReason.None);
    }

    /// @dev The spec's charge: the valid miners' lower-median token count, priced, capped at the escrow.
    function _computeCharge(Task storage t, mapping(address => MinerSlot) storage slots, address[] memory validMiners)
        private
        view
        returns (uint256)
    {
        uint256[] memory tokens = new uint256[](validMiners.length);
        for (uint256 i = 0; i < validMiners.length; ++i) {
            tokens[i] = slots[validMiners[i]].outputTokens;
        }
        (uint256 pricePerMinerTask, uint256 pricePerOutputToken) = _getPrices();
        uint256 billedTokens = TaskRules.computeBilledTokens(tokens, t.maxTokens);
        return TaskRules.computeCharge(pricePerMinerTask, pricePerOutputToken, validMiners.length, billedTokens, t.escrow);
    }

    function _finishFailed(Task storage t, uint256 sessionId, uint256 taskId, FailureReason reason) internal {
        bool validated = t.status == TaskStatus.Validated;
        _enterPhase(t, TaskStatus.Ended, 0);
        t.finishedAt = t.updatedAt;
        t.failureReason = reason;
        _recordEndEffects(t, sessionId, t.slots[t.reassignments], validated);
        _getPayment().refundTask(sessionId, taskId);
        emit TaskRefunded(sessionId, taskId, t.escrow);
        emit TaskEnded(sessionId, taskId, new address[](0), false, reason);
    }

    /**
     * @dev The end of a task for its miners: Correctness attempts from the PoI verdicts (only when
     * the task was validated), then one task execution each against their reservations.
     */
    function _recordEndEffects(Task storage t, uint256 sessionId, mapping(address => MinerSlot) storage slots, bool validated)
        private
    {
        address[] memory miners = t.miners;
        if (validated) {
            for (uint256 i = 0; i < miners.length; ++i) {
                MinerResultState state = slots[miners[i]].state;
                if (state != MinerResultState.Valid && state != MinerResultState.Outlier) continue;
                _getPool().recordStat(miners[i], INodePoolTypes.Metric.Correctness, state == MinerResultState.Valid);
            }
        }
        if (miners.length > 0) _getSession().recordTaskExecuted(sessionId, miners);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// @dev Moves to `status` with a deadline `durationTicks` from now (0: the phase has none).
    function _enterPhase(Task storage t, TaskStatus status, uint256 durationTicks) internal {
        uint48 nowTick = Time.timestamp();
        t.status = status;
        ++t.phaseSeq;
        // durationTicks comes from a uint32 parameter, so the sum stays far below 2^48.
        t.phaseDeadline = durationTicks == 0 ? 0 : nowTick + uint48(durationTicks);
        t.updatedAt = nowTick;
    }

    function _countInState(Task storage t, mapping(address => MinerSlot) storage slots, MinerResultState state)
        internal
        view
        returns (uint256 count)
    {
        for (uint256 i = 0; i < t.miners.length; ++i) {
            if (slots[t.miners[i]].state == state) ++count;
        }
    }

    /// @dev The miners in `state`, in assignment order.
    function _minersInState(Task storage t, mapping(address => MinerSlot) storage slots, MinerResultState state)
        internal
        view
        returns (address[] memory out)
    {
        out = new address[](t.miners.length);
        uint256 count;
        for (uint256 i = 0; i < out.length; ++i) {
            address miner = t.miners[i];
            if (slots[miner].state == state) out[count++] = miner;
        }
        _truncate(out, count);
    }

    /// @dev Shortens a memory array in place to its first `length` entries.
    function _truncate(address[] memory array, uint256 length) private pure {
        // Safe: `length` never exceeds the array's allocated length, so no memory is exposed.
        assembly ("memory-safe") {
            mstore(array, length)
        }
    }
}

