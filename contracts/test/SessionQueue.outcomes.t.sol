// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: what happens off the happy path matches `protocol/task/machine.ts`: late miners time out,
// a task short of its quorum is requeued without them or refunded (by policy), a withheld reveal
// is reported for slashing when asked for, and a copied precommit fails under the miner-bound
// scheme but passes under the published plain one.
// Method: drive tasks at explicit block times past their deadlines and check status, exclusions
// and the exact events (vm.expectEmit, vm.recordLogs to count events that must not appear).

import {Vm} from "forge-std/Vm.sol";
import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueOutcomesTest is SessionQueueTestBase {
    // ---- shortage ------------------------------------------------------------------------------

    function test_EndAck_RequeuesAShortTaskWithoutTheMinersThatTimedOut() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        vm.warp(T0 + 15);
        vm.expectEmit(address(queue));
        emit TaskRequeued(SESSION, taskId, 1, FailureReason.TooFewAcks);
        _endAck(taskId);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Queued));
        assertEq(t.reassignments, 1);
        assertEq(t.phaseDeadline, 0);
        assertEq(t.miners.length, 0);
        assertTrue(queue.isExcluded(SESSION, taskId, m2));
        assertTrue(queue.isExcluded(SESSION, taskId, m3));
        assertFalse(queue.isExcluded(SESSION, taskId, m1), "m1 acked in time");
    }

    function test_AssignTask_AfterARequeueStartsTheMinersFromScratch() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        vm.warp(T0 + 15);
        _endAck(taskId);
        address[] memory next = _three();
        (next[1], next[2]) = (m4, makeAddr("miner5"));
        _assign(taskId, next);
        assertEq(_minerState(taskId, m1), uint8(MinerResultState.Assigned), "m1's earlier ack does not carry over");
        assertEq(queue.getTask(SESSION, taskId).phaseDeadline, T0 + 15 + 15);
    }

    function test_EndAck_RefundsWhenTheReassignmentsAreUsedUp() public {
        vm.prank(owner);
        queue.setShortagePolicy(OnShortage.Reassign, 0);
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + 15);
        vm.expectEmit(address(queue));
        emit TaskRefunded(SESSION, taskId, ESCROW);
        vm.expectEmit(address(queue));
        emit TaskEnded(SESSION, taskId, new address[](0), false, FailureReason.TooFewAcks);
        _endAck(taskId);
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(uint8(t.status), uint8(TaskStatus.Ended));
        assertEq(uint8(t.failureReason), uint8(FailureReason.TooFewAcks));
        assertEq(t.finishedAt, T0 + 15);
        assertFalse(t.success);
    }

    function test_EndAck_RefundsAtOnceWhenTheShortageRuleIsRefund() public {
        vm.prank(owner);
        queue.setShortagePolicy(OnShortage.Refund, 5);
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + 15);
        _endAck(taskId);
        assertEq(_status(taskId), uint8(TaskStatus.Ended));
        assertEq(queue.getTask(SESSION, taskId).reassignments, 0);
    }

    function test_EndPrecommitAndEndCommit_EndShortTasksWithTheirReasons() public {
        vm.prank(owner);
        queue.setShortagePolicy(OnShortage.Reassign, 0);
        uint256 a = _toAcked();
        _precommit(a, m1, _hash(m1, a, 1, "a"));
        vm.warp(T0 + 90);
        _endPrecommit(a);
        assertEq(uint8(queue.getTask(SESSION, a).failureReason), uint8(FailureReason.TooFewPrecommits));

        uint256 b = _toPrecommitted();
        _commit(b, m1, "answer", 1, 10);
        vm.warp(block.timestamp + 60);
        _endCommit(b);
        assertEq(uint8(queue.getTask(SESSION, b).failureReason), uint8(FailureReason.TooFewCommits));
        assertEq(_status(b), uint8(TaskStatus.Ended));
    }

    function test_EndCommit_RequestsASlashForAMissedRevealWhenSlashingIsOn() public {
        vm.prank(owner);
        queue.setSlashing(Slashing.MissedReveal, 1000);
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 10);
        _commit(taskId, m2, "answer", 2, 10);
        vm.warp(T0 + 60);
        vm.expectEmit(address(queue));
        emit MinerTimedOut(SESSION, taskId, m3, TaskStatus.Precommitted);
        vm.expectEmit(address(queue));
        emit MinerSlashRequested(SESSION, taskId, m3, 1000);
        _endCommit(taskId);
        assertEq(_status(taskId), uint8(TaskStatus.Committed));
    }

    function test_EndCommit_RequestsNoSlashByDefaultNorForAMissedAck() public {
        vm.prank(owner);
        queue.setSlashing(Slashing.MissedReveal, 1000);
        uint256 a = _enqueue(3);
        _assign(a, _three());
        _ack(a, m1);
        _ack(a, m2);
        vm.warp(T0 + 15);
        vm.recordLogs();
        _endAck(a);
        assertEq(_countLogs(MinerSlashRequested.selector), 0, "a missed ack is not slashed");

        vm.prank(owner);
        queue.setSlashing(Slashing.None, 1000);
        uint256 b = _toPrecommitted();
        _commit(b, m1, "answer", 1, 10);
        _commit(b, m2, "answer", 2, 10);
        vm.warp(block.timestamp + 60);
        vm.recordLogs();
        _endCommit(b);
        assertEq(_countLogs(MinerTimedOut.selector), 1);
        assertEq(_countLogs(MinerSlashRequested.selector), 0, "slashing off");
    }

    // ---- commit–reveal schemes -----------------------------------------------------------------

    function test_Commit_RejectsACopiedPrecommitUnderTheMinerBoundScheme() public {
        uint256 taskId = _copycatTask();
        bytes32 copied = _hash(m1, taskId, 1, "work");
        bytes32 own = _hash(m2, taskId, 1, "work");
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueRevealMismatch.selector, SESSION, taskId, m2, copied, own));
        queue.commit(SESSION, taskId, "work", _salt(1), 1);
    }

    function test_Commit_LetsTheCopyThroughUnderThePlainScheme() public {
        vm.prank(owner);
        queue.setCommitScheme(CommitScheme.Plain);
        uint256 taskId = _copycatTask();
        _commit(taskId, m2, "work", 7, 1); // any salt: the plain hash ignores it
        assertEq(_minerState(taskId, m2), uint8(MinerResultState.Committed));
    }

    /// @dev m1 precommits honestly, m2 submits m1's hash, m1 reveals "work" with salt 1.
    function _copycatTask() private returns (uint256 taskId) {
        taskId = _enqueue(2);
        _assign(taskId, _list(m1, m2));
        _ack(taskId, m1);
        _ack(taskId, m2);
        _endAck(taskId);
        CommitScheme scheme = queue.getParams().commitScheme;
        bytes32 honest = scheme == CommitScheme.Plain ? queue.getHash("work") : _hash(m1, taskId, 1, "work");
        _precommit(taskId, m1, honest);
        _precommit(taskId, m2, honest);
        _endPrecommit(taskId);
        _commit(taskId, m1, "work", 1, 1);
    }

    function _countLogs(bytes32 topic) private returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics[0] == topic) ++count;
        }
    }
}
