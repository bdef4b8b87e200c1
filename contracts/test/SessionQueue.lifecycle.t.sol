// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: every accepted transition of SessionQueue on the way to a result does what
// `protocol/task/machine.ts` does: status, per-miner states, timestamps, deadlines, events and
// payment amounts. (Shortage, slashing and the commit schemes: SessionQueue.outcomes.t.sol.)
// Method: drive tasks through their phases at explicit block times (the same scenarios as
// protocol/task/machine.test.ts, in seconds) and check state through the getters and the exact
// events with vm.expectEmit.

import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueLifecycleTest is SessionQueueTestBase {
    // ---- queue and assignment ------------------------------------------------------------------

    function test_EnqueueTask_RecordsTheTaskAndEmitsTaskQueued() public {
        vm.expectEmit(address(queue));
        emit TaskQueued(SESSION, 0, 0, "prompt");
        uint256 taskId = _enqueue(3);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(t.taskId, 0);
        assertEq(uint8(t.status), uint8(TaskStatus.Queued));
        assertEq(t.redundant, 3);
        assertEq(t.quorum, 2, "majority of 3");
        assertEq(t.createdAt, T0);
        assertEq(t.updatedAt, T0);
        assertEq(t.phaseDeadline, 0);
        assertEq(t.maxTokens, MAX_TOKENS);
        assertEq(t.escrow, ESCROW);
        assertEq(t.router, router);
        assertEq(t.taskData, "prompt");
        assertEq(t.miners.length, 0);
    }

    function test_EnqueueTask_NumbersTasksPerSessionAndGloballyAcrossSessions() public {
        _enqueue(1);
        vm.prank(module);
        uint256 other = queue.enqueueTask(SESSION + 1, 1, 0, 8, 0, address(0), "");
        uint256 second = _enqueue(1);
        assertEq(other, 0, "first task of session 2");
        assertEq(second, 1, "second task of session 1");
        assertEq(queue.getTask(SESSION, second).gid, 2);
        assertEq(queue.getTaskCount(SESSION), 2);
        assertEq(queue.getTotalTaskCount(), 3);
    }

    function test_EnqueueTask_FixesTheQuorumFromTheRuleInForce() public {
        assertEq(queue.getTask(SESSION, _enqueue(4)).quorum, 2, "majority of 4 = ceil(4/2)");
        assertEq(queue.getTask(SESSION, _enqueue(1)).quorum, 1, "majority of 1");
        vm.prank(owner);
        queue.setQuorumRule(QuorumRule.All);
        uint256 all = _enqueue(3);
        vm.prank(owner);
        queue.setQuorumRule(QuorumRule.One);
        uint256 one = _enqueue(3);
        assertEq(queue.getTask(SESSION, all).quorum, 3);
        assertEq(queue.getTask(SESSION, one).quorum, 1);
    }

    function test_AssignTask_OpensTheAckPhase() public {
        uint256 taskId = _enqueue(3);
        vm.warp(T0 + 5);
        vm.expectEmit(address(queue));
        emit TaskAssigned(SESSION, taskId, _three());
        _assign(taskId, _three());
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Assigned));
        assertEq(t.phaseSeq, 1);
        assertEq(t.phaseDeadline, T0 + 5 + 15);
        assertEq(t.updatedAt, T0 + 5);
        assertEq(t.miners, _three());
        assertEq(_minerState(taskId, m2), uint8(MinerResultState.Assigned));
    }

    // ---- miner actions -------------------------------------------------------------------------

    function test_Ack_MarksTheMinerAcked() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + 15); // exactly at the deadline is still in time
        vm.expectEmit(address(queue));
        emit TaskAcked(SESSION, taskId, m2);
        _ack(taskId, m2);
        MinerSlotView memory s = queue.getMinerSlot(SESSION, taskId, m2);
        assertEq(uint8(s.state), uint8(MinerResultState.Acked));
        assertEq(s.ackedAt, T0 + 15);
        assertEq(_minerState(taskId, m1), uint8(MinerResultState.Assigned));
    }

    function test_Precommit_StoresTheHash() public {
        uint256 taskId = _toAcked();
        bytes32 hash = _hash(m1, taskId, 1, "answer");
        vm.warp(T0 + 3);
        vm.expectEmit(address(queue));
        emit TaskPrecommitted(SESSION, taskId, m1);
        _precommit(taskId, m1, hash);
        MinerSlotView memory s = queue.getMinerSlot(SESSION, taskId, m1);
        assertEq(uint8(s.state), uint8(MinerResultState.Precommitted));
        assertEq(s.precommitHash, hash);
        assertEq(s.precommitAt, T0 + 3);
    }

    function test_Commit_StoresTheRevealAndCapsTokensAtMaxTokens() public {
        uint256 taskId = _toPrecommitted();
        vm.warp(T0 + 7);
        vm.expectEmit(address(queue));
        emit TaskCommitted(SESSION, taskId, m1);
        _commit(taskId, m1, "answer", 1, 1000);
        MinerSlotView memory s = queue.getMinerSlot(SESSION, taskId, m1);
        assertEq(uint8(s.state), uint8(MinerResultState.Committed));
        assertEq(s.result, "answer");
        assertEq(s.salt, _salt(1));
        assertEq(s.committedAt, T0 + 7);
        assertEq(s.outputTokens, MAX_TOKENS, "capped");
        (address[] memory miners, string[] memory results) = queue.getTaskResults(SESSION, taskId);
        assertEq(miners, _three());
        assertEq(results[0], "answer");
        assertEq(results[1], "", "not revealed yet");
    }

    // ---- phase ends ----------------------------------------------------------------------------

    function test_EndAck_ClosesEarlyOnceEveryMinerActed() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        _ack(taskId, m2);
        _ack(taskId, m3);
        vm.warp(T0 + 2);
        vm.expectEmit(address(queue));
        emit TaskAllAcked(SESSION, taskId, _three(), false);
        _endAck(taskId);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Acked));
        assertEq(t.phaseSeq, 2);
        assertEq(t.phaseDeadline, T0 + 2 + 90);
    }

    function test_EndAck_AtTheDeadlineTimesOutLateMinersAndContinuesWithTheQuorum() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        _ack(taskId, m2);
        vm.warp(T0 + 15);
        vm.expectEmit(address(queue));
        emit MinerTimedOut(SESSION, taskId, m3, TaskStatus.Assigned);
        vm.expectEmit(address(queue));
        emit TaskAllAcked(SESSION, taskId, _list(m1, m2), true);
        _endAck(taskId);
        assertEq(_status(taskId), uint8(TaskStatus.Acked));
        assertEq(_minerState(taskId, m3), uint8(MinerResultState.TimedOut));
        assertEq(queue.getTask(SESSION, taskId).miners.length, 3, "a timed-out miner stays in the assignment");
    }

    function test_EndPrecommit_OpensTheCommitPhase() public {
        uint256 taskId = _toAcked();
        _precommit(taskId, m1, _hash(m1, taskId, 1, "a"));
        _precommit(taskId, m2, _hash(m2, taskId, 2, "a"));
        vm.warp(T0 + 90);
        vm.expectEmit(address(queue));
        emit TaskAllPrecommitted(SESSION, taskId, _list(m1, m2), true);
        _endPrecommit(taskId);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Precommitted));
        assertEq(t.phaseDeadline, T0 + 90 + 60);
    }

    function test_EndCommit_ClosesTheRevealPhaseWithoutADeadline() public {
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 10);
        _commit(taskId, m2, "answer", 2, 10);
        _commit(taskId, m3, "answer", 3, 10);
        vm.expectEmit(address(queue));
        emit TaskAllCommitted(SESSION, taskId, _three(), false);
        _endCommit(taskId);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Committed));
        assertEq(t.phaseDeadline, 0);
    }

    // ---- validation and end --------------------------------------------------------------------

    function test_Validate_RecordsVerdictsAndTheValidator() public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory similarities) = _verdicts(true, true, false);
        vm.expectEmit(address(queue));
        address[] memory outliers = new address[](1);
        outliers[0] = m3;
        emit TaskValidated(SESSION, taskId, _list(m1, m2), outliers);
        _validate(taskId, miners, valid, similarities);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Validated));
        assertEq(t.validatedBy, oracle);
        assertEq(_minerState(taskId, m3), uint8(MinerResultState.Outlier));
        assertEq(queue.getMinerSlot(SESSION, taskId, m1).similarity, 990_000);
    }

    function test_Validate_AcceptsVerdictsInAnyOrderAndSimilarityBounds() public {
        uint256 taskId = _toCommitted();
        address[] memory miners = new address[](3);
        (miners[0], miners[1], miners[2]) = (m3, m1, m2);
        bool[] memory valid = new bool[](3);
        int256[] memory similarities = new int256[](3);
        (similarities[0], similarities[1], similarities[2]) = (-1e6, 1e6, 0);
        _validate(taskId, miners, valid, similarities);
        assertEq(queue.getMinerSlot(SESSION, taskId, m3).similarity, -1e6);
        assertEq(_minerState(taskId, m1), uint8(MinerResultState.Outlier));
    }

    function test_End_SettlesTheValidMinersOfAValidatedTask() public {
        uint256 taskId = _toValidated(true, true, false);
        vm.warp(T0 + 9);
        vm.expectEmit(address(queue));
        emit TaskSettled(SESSION, taskId, 2e17, ESCROW - 2e17, _list(m1, m2), oracle, router);
        vm.expectEmit(address(queue));
        emit TaskEnded(SESSION, taskId, _list(m1, m2), true, FailureReason.None);
        _end(taskId, false);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Ended));
        assertTrue(t.success);
        assertEq(t.charge, 2e17);
        assertEq(t.finishedAt, T0 + 9);
        assertEq(uint8(t.failureReason), uint8(FailureReason.None));
    }

    function test_End_IgnoresTheForceFlagOnceValidated() public {
        uint256 taskId = _toValidated(true, true, true);
        _end(taskId, true);
        assertTrue(queue.getTask(SESSION, taskId).success);
        assertEq(queue.getTask(SESSION, taskId).charge, ESCROW);
    }

    function test_End_RefundsWithoutConsensus() public {
        uint256 taskId = _toValidated(true, false, false);
        vm.expectEmit(address(queue));
        emit TaskRefunded(SESSION, taskId, ESCROW);
        vm.expectEmit(address(queue));
        emit TaskEnded(SESSION, taskId, new address[](0), false, FailureReason.NoConsensus);
        _end(taskId, false);
        assertEq(queue.getTask(SESSION, taskId).charge, 0);
    }

    function test_End_BillsTheLowerMedianTokenCountOfTheValidMiners() public {
        vm.prank(owner);
        queue.setPricing(1e17, 1e15);
        uint256 taskId = _toValidated(true, true, false); // valid miners wrote 10 and 20 tokens
        vm.expectEmit(address(queue));
        uint256 charge = (1e17 + 10 * 1e15) * 2; // lower median of (10, 20) is 10
        emit TaskSettled(SESSION, taskId, charge, ESCROW - charge, _list(m1, m2), oracle, router);
        _end(taskId, false);
    }

    function test_End_CapsTheChargeAtTheEscrow() public {
        vm.prank(owner);
        queue.setPricing(1e18, 0);
        uint256 taskId = _toValidated(true, true, true);
        _end(taskId, false);
        assertEq(queue.getTask(SESSION, taskId).charge, ESCROW);
    }

    function test_End_ForceEndsAnyUnfinishedStatusAfterTheTotalTimeout() public {
        uint256 queued = _enqueue(3);
        uint256 committed = _toCommitted();
        vm.warp(T0 + 300);
        vm.expectEmit(address(queue));
        emit TaskRefunded(SESSION, queued, ESCROW);
        vm.expectEmit(address(queue));
        emit TaskEnded(SESSION, queued, new address[](0), false, FailureReason.TimedOut);
        _end(queued, true);
        _end(committed, true);
        assertEq(uint8(queue.getTask(SESSION, committed).failureReason), uint8(FailureReason.TimedOut));
        assertEq(_status(committed), uint8(TaskStatus.Ended));
    }
}
