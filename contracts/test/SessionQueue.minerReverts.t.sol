// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: every rejection path of the miner functions (ack, precommit, commit) reverts with the
// custom error (and the values) that stands for the spec's rejection code, in the spec's order of
// checks: unknown task, wrong phase, not assigned, timed out, already acted, deadline, mismatch.
// Method: one `test_RevertWhen_…` per path, each setting up the smallest state that reaches it
// and asserting the exact revert data. (NotAcked and NotPrecommitted cannot be reached: see
// contracts/README.md.)

import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueMinerRevertsTest is SessionQueueTestBase {
    // ---- ack -----------------------------------------------------------------------------------

    function test_RevertWhen_AckTaskIsUnknown() public {
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueUnknownTask.selector, SESSION, 5));
        queue.ack(SESSION, 5);
    }

    function test_RevertWhen_AckTaskIsNotAssigned() public {
        uint256 taskId = _enqueue(3);
        _expectWrongPhase(taskId, TaskStatus.Queued);
        _ack(taskId, m1);
    }

    function test_RevertWhen_AckCallerIsNotAssigned() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, m4));
        _ack(taskId, m4);
    }

    function test_RevertWhen_AckIsRepeated() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueAlreadyActed.selector, SESSION, taskId, m1, uint8(MinerResultState.Acked)));
        _ack(taskId, m1);
    }

    function test_RevertWhen_AckComesAfterTheDeadline() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + 16);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, SESSION, taskId, m1, T0 + 15));
        _ack(taskId, m1);
    }

    // ---- precommit -----------------------------------------------------------------------------

    function test_RevertWhen_PrecommitTaskIsNotAcked() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _expectWrongPhase(taskId, TaskStatus.Assigned);
        _precommit(taskId, m1, bytes32(0));
    }

    function test_RevertWhen_PrecommitCallerIsNotAssigned() public {
        uint256 taskId = _toAcked();
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, stranger));
        _precommit(taskId, stranger, bytes32(0));
    }

    function test_RevertWhen_PrecommitCallerTimedOutOnTheAck() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        _ack(taskId, m2);
        vm.warp(T0 + 15);
        _endAck(taskId);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueMinerTimedOut.selector, SESSION, taskId, m3));
        _precommit(taskId, m3, bytes32(0));
    }

    function test_RevertWhen_PrecommitIsRepeated() public {
        uint256 taskId = _toAcked();
        _precommit(taskId, m1, bytes32(uint256(1)));
        vm.expectRevert(
            abi.encodeWithSelector(SessionQueueAlreadyActed.selector, SESSION, taskId, m1, uint8(MinerResultState.Precommitted))
        );
        _precommit(taskId, m1, bytes32(uint256(2)));
    }

    function test_RevertWhen_PrecommitComesAfterTheDeadline() public {
        uint256 taskId = _toAcked();
        vm.warp(T0 + 91);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, SESSION, taskId, m1, T0 + 90));
        _precommit(taskId, m1, bytes32(0));
    }

    // ---- commit --------------------------------------------------------------------------------

    function test_RevertWhen_CommitTaskIsNotPrecommitted() public {
        uint256 taskId = _toAcked();
        _expectWrongPhase(taskId, TaskStatus.Acked);
        _commit(taskId, m1, "answer", 1, 1);
    }

    function test_RevertWhen_CommitCallerIsNotAssigned() public {
        uint256 taskId = _toPrecommitted();
        vm.expectRevert(abi.encodeWithSelector(SessionQueueNotAssignedMiner.selector, SESSION, taskId, m4));
        _commit(taskId, m4, "answer", 1, 1);
    }

    function test_RevertWhen_CommitCallerDidNotPrecommit() public {
        uint256 taskId = _toAcked();
        _precommit(taskId, m1, _hash(m1, taskId, 1, "answer"));
        _precommit(taskId, m2, _hash(m2, taskId, 2, "answer"));
        vm.warp(T0 + 90);
        _endPrecommit(taskId);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueMinerTimedOut.selector, SESSION, taskId, m3));
        _commit(taskId, m3, "answer", 3, 1);
    }

    function test_RevertWhen_CommitIsRepeated() public {
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(SessionQueueAlreadyActed.selector, SESSION, taskId, m1, uint8(MinerResultState.Committed))
        );
        _commit(taskId, m1, "answer", 1, 1);
    }

    function test_RevertWhen_CommitComesAfterTheDeadline() public {
        uint256 taskId = _toPrecommitted();
        vm.warp(T0 + 61);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, SESSION, taskId, m1, T0 + 60));
        _commit(taskId, m1, "answer", 1, 1);
    }

    function test_RevertWhen_CommitRevealsAnotherResult() public {
        uint256 taskId = _toPrecommitted();
        bytes32 precommitted = _hash(m1, taskId, 1, "answer");
        bytes32 revealed = _hash(m1, taskId, 1, "other");
        vm.expectRevert(abi.encodeWithSelector(SessionQueueRevealMismatch.selector, SESSION, taskId, m1, precommitted, revealed));
        _commit(taskId, m1, "other", 1, 1);
    }

    function test_RevertWhen_CommitRevealsAnotherSalt() public {
        uint256 taskId = _toPrecommitted();
        bytes32 precommitted = _hash(m1, taskId, 1, "answer");
        bytes32 revealed = _hash(m1, taskId, 2, "answer");
        vm.expectRevert(abi.encodeWithSelector(SessionQueueRevealMismatch.selector, SESSION, taskId, m1, precommitted, revealed));
        _commit(taskId, m1, "answer", 2, 1);
    }

    // ---- helpers -------------------------------------------------------------------------------

    function _expectWrongPhase(uint256 taskId, TaskStatus status) private {
        vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongPhase.selector, SESSION, taskId, uint8(status)));
    }
}
