// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: SessionQueue carries out the effects of `protocol/task` exactly as `protocol/world/route.ts`
// routes them: a NodeStats attempt per miner at each phase end (Ack, Precommit, Commit), the
// Correctness verdicts and one task execution per assigned miner at the end, then the settlement
// (valid miners, the validating oracle, the router) or the refund; a withheld reveal slashed under
// `missedReveal`; assignments vetted by Session before the task table.
// Method: the QueueModulesMock records every call the queue makes; each test drives one path and
// compares the recorded calls with the spec's effects for that path.

import {INodePoolTypes} from "../src/interfaces/INodePool.sol";
import {QueueModulesMock} from "./mocks/QueueModulesMock.sol";
import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueEffectsTest is SessionQueueTestBase {
    INodePoolTypes.Metric internal constant ACK = INodePoolTypes.Metric.Ack;
    INodePoolTypes.Metric internal constant PRECOMMIT = INodePoolTypes.Metric.Precommit;
    INodePoolTypes.Metric internal constant COMMIT = INodePoolTypes.Metric.Commit;
    INodePoolTypes.Metric internal constant CORRECTNESS = INodePoolTypes.Metric.Correctness;

    function test_AnHonestTask_RecordsEveryPhaseThenSettles() public {
        uint256 taskId = _toValidated(true, true, false);
        _end(taskId, false);
        address[3] memory ms = [m1, m2, m3];
        for (uint256 i = 0; i < 3; ++i) {
            assertEq(modules.countStats(ms[i], ACK, true), 1);
            assertEq(modules.countStats(ms[i], PRECOMMIT, true), 1);
            assertEq(modules.countStats(ms[i], COMMIT, true), 1);
        }
        assertEq(modules.countStats(m1, CORRECTNESS, true), 1);
        assertEq(modules.countStats(m3, CORRECTNESS, false), 1);
        assertEq(modules.statCount(), 12);
        address[] memory executed = modules.executed();
        assertEq(executed.length, 3);
        assertEq(executed[2], m3);
        assertEq(modules.settleCount(), 1);
        QueueModulesMock.SettleCall memory c = modules.settleAt(0);
        assertEq(c.sessionId, SESSION);
        assertEq(c.taskId, taskId);
        assertEq(c.charge, 2e17, "two valid miners at 0.1 COR");
        assertEq(c.miners.length, 2);
        assertEq(c.miners[1], m2);
        assertEq(c.validators.length, 1);
        assertEq(c.validators[0], oracle);
        assertEq(c.router, router);
        assertEq(modules.refundCount(), 0);
    }

    function test_ALateMiner_GetsAFailedAttempt() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        _ack(taskId, m2);
        vm.warp(T0 + 15);
        _endAck(taskId);
        assertEq(modules.countStats(m3, ACK, false), 1);
        assertEq(modules.countStats(m1, ACK, true), 1);
        assertEq(modules.statCount(), 3);
    }

    function test_ARequeue_CountsNoExecutionButTheFinalRefundCountsAll() public {
        vm.prank(owner);
        queue.setShortagePolicy(OnShortage.Reassign, 1);
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + 15);
        _endAck(taskId); // nobody acked: requeued
        assertEq(modules.executed().length, 0);
        assertEq(modules.refundCount(), 0);
        address[] memory others = new address[](3);
        (others[0], others[1], others[2]) = (m4, address(0xA1), address(0xA2));
        _assign(taskId, others);
        vm.warp(T0 + 30);
        _endAck(taskId); // again nobody: refunded, the second round's miners counted
        assertEq(modules.executed().length, 3);
        assertEq(modules.executed()[0], m4);
        assertEq(modules.refundCount(), 1);
        (uint256 s, uint256 t) = modules.refundAt(0);
        assertEq(s, SESSION);
        assertEq(t, taskId);
    }

    function test_AWithheldReveal_IsSlashedUnderMissedReveal() public {
        vm.prank(owner);
        queue.setSlashing(Slashing.MissedReveal, 2500);
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 10);
        _commit(taskId, m2, "answer", 2, 20);
        vm.warp(T0 + 15 + 60);
        _endCommit(taskId);
        address[] memory slashed = modules.slashed();
        assertEq(slashed.length, 1);
        assertEq(slashed[0], m3);
        assertEq(modules.lastSlashBps(), 2500);
        assertEq(modules.countStats(m3, COMMIT, false), 1);
    }

    function test_NoSlashingByDefault() public {
        uint256 taskId = _toPrecommitted();
        vm.warp(T0 + 15 + 60);
        _endCommit(taskId);
        assertEq(modules.slashed().length, 0);
    }

    function test_NoConsensus_RecordsCorrectnessAndRefunds() public {
        uint256 taskId = _toValidated(true, false, false);
        _end(taskId, false);
        assertEq(modules.countStats(m1, CORRECTNESS, true), 1);
        assertEq(modules.countStats(m2, CORRECTNESS, false), 1);
        assertEq(modules.executed().length, 3);
        assertEq(modules.refundCount(), 1);
        assertEq(modules.settleCount(), 0);
    }

    function test_AForcedEnd_BeforeValidationRecordsNoCorrectness() public {
        uint256 taskId = _toCommitted();
        uint256 before = modules.statCount();
        vm.warp(T0 + 300);
        _end(taskId, true);
        assertEq(modules.statCount(), before, "no Correctness without verdicts");
        assertEq(modules.executed().length, 3);
        assertEq(modules.refundCount(), 1);
    }

    function test_AForcedEnd_OfAQueuedTaskCountsNoExecution() public {
        uint256 taskId = _enqueue(2);
        vm.warp(T0 + 300);
        _end(taskId, true);
        assertEq(modules.executedCalls(), 0);
        assertEq(modules.refundCount(), 1);
    }

    function test_RevertWhen_SessionRefusesTheAssignment() public {
        uint256 taskId = _enqueue(3);
        modules.setAssignable(false);
        vm.expectRevert(abi.encodeWithSelector(QueueModulesMock.QueueModulesMockNotAssignable.selector, m1));
        _assign(taskId, _three());
    }

    function test_RevertWhen_TheAssignmentCheckComesBeforeTheTable() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        modules.setAssignable(false);
        // A second assignment of an Assigned task: Session's refusal is reported, as the world checks it first.
        vm.expectRevert(abi.encodeWithSelector(QueueModulesMock.QueueModulesMockNotAssignable.selector, m1));
        _assign(taskId, _three());
    }
}
