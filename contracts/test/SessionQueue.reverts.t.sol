// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: every rejection path of SessionQueue's queue and oracle functions reverts with the custom
// error (and the values) that stands for the spec's rejection code, in the spec's order of checks.
// (Miner functions: SessionQueue.minerReverts.t.sol.)
// Method: one `test_RevertWhen_…` per path, each setting up the smallest state that reaches it
// and asserting the exact revert data.

import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueRevertsTest is SessionQueueTestBase {
    // ---- enqueueTask ---------------------------------------------------------------------------

    function test_RevertWhen_EnqueueTaskCallerIsNotASessionModule() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotSessionModule.selector, stranger));
        queue.enqueueTask(SESSION, 3, 0, 8, 0, address(0), "");
    }

    function test_RevertWhen_EnqueueTaskHasNoMiners() public {
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidTaskConfig.selector, 0, 8));
        queue.enqueueTask(SESSION, 0, 0, 8, 0, address(0), "");
    }

    function test_RevertWhen_EnqueueTaskHasTooManyMiners() public {
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidTaskConfig.selector, 1001, 8));
        queue.enqueueTask(SESSION, 1001, 0, 8, 0, address(0), "");
    }

    function test_RevertWhen_EnqueueTaskMaxTokensExceeds32Bits() public {
        uint256 tooMany = uint256(type(uint32).max) + 1;
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidTaskConfig.selector, 1, tooMany));
        queue.enqueueTask(SESSION, 1, 0, tooMany, 0, address(0), "");
    }

    // ---- assignTask ----------------------------------------------------------------------------

    function test_RevertWhen_AssignTaskCallerIsNotAnOracle() public {
        uint256 taskId = _enqueue(3);
        address[] memory miners = _three();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, stranger));
        queue.assignTask(SESSION, taskId, miners);
    }

    function test_RevertWhen_AssignTaskTaskIsUnknown() public {
        address[] memory miners = _three();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueUnknownTask.selector, SESSION, 0));
        queue.assignTask(SESSION, 0, miners);
    }

    function test_RevertWhen_AssignTaskTaskIsAlreadyAssigned() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _expectWrongPhase(taskId, TaskStatus.Assigned);
        _assign(taskId, _three());
    }

    function test_RevertWhen_AssignTaskHasTooFewMiners() public {
        uint256 taskId = _enqueue(3);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongMinerCount.selector, SESSION, taskId, 2, 3));
        _assign(taskId, _list(m1, m2));
    }

    function test_RevertWhen_AssignTaskHasTooManyMiners() public {
        uint256 taskId = _enqueue(1);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongMinerCount.selector, SESSION, taskId, 2, 1));
        _assign(taskId, _list(m1, m2));
    }

    function test_RevertWhen_AssignTaskNamesAMinerTwice() public {
        uint256 taskId = _enqueue(3);
        address[] memory miners = _three();
        miners[2] = m1;
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDuplicateMiner.selector, SESSION, taskId, m1));
        _assign(taskId, miners);
    }

    function test_RevertWhen_AssignTaskNamesAMinerThatTimedOutBefore() public {
        uint256 taskId = _requeuedWithoutM2M3();
        address[] memory miners = _three();
        miners[2] = m4; // m2 is still there
        vm.expectRevert(abi.encodeWithSelector(SessionQueueMinerNotEligible.selector, SESSION, taskId, m2));
        _assign(taskId, miners);
    }

    function test_RevertWhen_AssignTaskHasADuplicateAfterAnExcludedMiner() public {
        uint256 taskId = _requeuedWithoutM2M3();
        address[] memory miners = _three();
        (miners[0], miners[1], miners[2]) = (m2, m4, m4); // the spec reports the duplicate first
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDuplicateMiner.selector, SESSION, taskId, m4));
        _assign(taskId, miners);
    }

    // ---- phase ends ----------------------------------------------------------------------------

    function test_RevertWhen_EndAckCallerIsNotAnOracle() public {
        uint256 taskId = _enqueue(3);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, m1));
        queue.endAck(SESSION, taskId);
    }

    function test_RevertWhen_EndAckTaskIsUnknown() public {
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueUnknownTask.selector, SESSION + 1, 0));
        queue.endAck(SESSION + 1, 0);
    }

    function test_RevertWhen_EndAckTaskIsNotAssigned() public {
        uint256 taskId = _enqueue(3);
        _expectWrongPhase(taskId, TaskStatus.Queued);
        _endAck(taskId);
    }

    function test_RevertWhen_EndAckBeforeTheDeadlineWithMinersWaiting() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        vm.warp(T0 + 14);
        vm.expectRevert(abi.encodeWithSelector(SessionQueuePhaseNotOver.selector, SESSION, taskId, 2, T0 + 15));
        _endAck(taskId);
    }

    function test_RevertWhen_EndPrecommitCallerIsNotAnOracle() public {
        uint256 taskId = _toAcked();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, stranger));
        queue.endPrecommit(SESSION, taskId);
    }

    function test_RevertWhen_EndPrecommitTaskIsNotAcked() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _expectWrongPhase(taskId, TaskStatus.Assigned);
        _endPrecommit(taskId);
    }

    function test_RevertWhen_EndPrecommitBeforeTheDeadlineWithMinersWaiting() public {
        uint256 taskId = _toAcked();
        vm.expectRevert(abi.encodeWithSelector(SessionQueuePhaseNotOver.selector, SESSION, taskId, 3, T0 + 90));
        _endPrecommit(taskId);
    }

    function test_RevertWhen_EndCommitCallerIsNotAnOracle() public {
        uint256 taskId = _toPrecommitted();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, stranger));
        queue.endCommit(SESSION, taskId);
    }

    function test_RevertWhen_EndCommitTaskIsNotPrecommitted() public {
        uint256 taskId = _toAcked();
        _expectWrongPhase(taskId, TaskStatus.Acked);
        _endCommit(taskId);
    }

    function test_RevertWhen_EndCommitBeforeTheDeadlineWithMinersWaiting() public {
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 1);
        vm.warp(T0 + 59);
        vm.expectRevert(abi.encodeWithSelector(SessionQueuePhaseNotOver.selector, SESSION, taskId, 2, T0 + 60));
        _endCommit(taskId);
    }

    // ---- validate ------------------------------------------------------------------------------

    function test_RevertWhen_ValidateCallerIsNotAnOracle() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, m1));
        queue.validate(SESSION, taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateTaskIsNotCommitted() public {
        uint256 taskId = _toPrecommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        _expectWrongPhase(taskId, TaskStatus.Precommitted);
        _validate(taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateArraysDifferInLength() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners,, int256[] memory sims) = _verdicts(true, true, true);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueVerdictLengthMismatch.selector, SESSION, taskId, 3, 2, 3));
        _validate(taskId, miners, new bool[](2), sims);
    }

    function test_RevertWhen_ValidateSimilaritiesDifferInLength() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid,) = _verdicts(true, true, true);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueVerdictLengthMismatch.selector, SESSION, taskId, 3, 3, 4));
        _validate(taskId, miners, valid, new int256[](4));
    }

    function test_RevertWhen_ValidateMissesARevealedResult() public {
        uint256 taskId = _toCommitted();
        vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongVerdictCount.selector, SESSION, taskId, 2, 3));
        _validate(taskId, _list(m1, m2), new bool[](2), new int256[](2));
    }

    function test_RevertWhen_ValidateSimilarityIsAboveOne() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        sims[2] = 1e6 + 1;
        vm.expectRevert(abi.encodeWithSelector(SessionQueueSimilarityOutOfRange.selector, SESSION, taskId, m3, int256(1e6 + 1)));
        _validate(taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateSimilarityIsBelowMinusOne() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        sims[0] = -1e6 - 1;
        vm.expectRevert(abi.encodeWithSelector(SessionQueueSimilarityOutOfRange.selector, SESSION, taskId, m1, int256(-1e6 - 1)));
        _validate(taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateJudgesAMinerTwice() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        miners[2] = m2;
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDuplicateMiner.selector, SESSION, taskId, m2));
        _validate(taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateJudgesAStranger() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        miners[2] = stranger;
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, stranger));
        _validate(taskId, miners, valid, sims);
    }

    function test_RevertWhen_ValidateJudgesAMinerThatDidNotReveal() public {
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 1);
        _commit(taskId, m2, "answer", 2, 1);
        vm.warp(T0 + 60);
        _endCommit(taskId);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, m3));
        _validate(taskId, _list(m1, m3), new bool[](2), new int256[](2));
    }

    // ---- end -----------------------------------------------------------------------------------

    function test_RevertWhen_EndCallerIsNotAnOracle() public {
        uint256 taskId = _enqueue(3);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, owner));
        queue.end(SESSION, taskId, true);
    }

    function test_RevertWhen_EndTaskIsUnknown() public {
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueUnknownTask.selector, SESSION, 0));
        queue.end(SESSION, 0, true);
    }

    function test_RevertWhen_EndIsNotForcedBeforeValidation() public {
        uint256 taskId = _toCommitted();
        vm.warp(T0 + 1000);
        _expectWrongPhase(taskId, TaskStatus.Committed);
        _end(taskId, false);
    }

    function test_RevertWhen_EndIsForcedBeforeTheTotalTimeout() public {
        uint256 taskId = _enqueue(3);
        vm.warp(T0 + 299);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueTotalTimeoutNotReached.selector, SESSION, taskId, T0 + 300));
        _end(taskId, true);
    }

    function test_RevertWhen_EndTaskHasEnded() public {
        uint256 taskId = _toValidated(true, true, true);
        _end(taskId, false);
        _expectWrongPhase(taskId, TaskStatus.Ended);
        _end(taskId, true);
    }

    // ---- getters -------------------------------------------------------------------------------

    function test_RevertWhen_GetTaskTaskIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(SessionQueueUnknownTask.selector, SESSION, 0));
        queue.getTask(SESSION, 0);
    }

    function test_RevertWhen_GetTaskResultStateMinerIsNotAssigned() public {
        uint256 taskId = _enqueue(3);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, m1));
        queue.getTaskResultState(SESSION, taskId, m1);
    }

    // ---- helpers -------------------------------------------------------------------------------

    function _expectWrongPhase(uint256 taskId, TaskStatus status) private {
        vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongPhase.selector, SESSION, taskId, uint8(status)));
    }

    /// @dev A 3-miner task requeued after only m1 acked: m2 and m3 are excluded from it.
    function _requeuedWithoutM2M3() private returns (uint256 taskId) {
        taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        vm.warp(T0 + 15);
        _endAck(taskId);
    }
}
