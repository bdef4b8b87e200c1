// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the task functions that take inputs (sizes, times, hashes, verdicts, prices) follow the
// spec's rule for every input, not only the examples of the unit tests.
// Method: fuzz each input with bound() over its whole meaningful range and compare the outcome
// (accepted or the exact revert) with the rule written out in the test.

import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueFuzzTest is SessionQueueTestBase {
    function testFuzz_EnqueueTask_StoresAnyValidConfig(uint256 redundant, uint256 maxTokens, uint256 escrow, uint256 modelId) public {
        redundant = bound(redundant, 1, 1000);
        maxTokens = bound(maxTokens, 0, type(uint32).max);
        vm.prank(module);
        uint256 taskId = queue.enqueueTask(SESSION, redundant, modelId, maxTokens, escrow, router, "p");
        TaskView memory t = queue.getTask(SESSION, taskId);
        assertEq(t.redundant, redundant);
        assertEq(t.quorum, (redundant + 1) / 2);
        assertEq(t.maxTokens, maxTokens);
        assertEq(t.escrow, escrow);
        assertEq(t.modelId, modelId);
    }

    function testFuzz_RevertWhen_EnqueueTaskRedundancyIsOutOfRange(uint256 redundant) public {
        redundant = redundant % 2 == 0 ? 0 : bound(redundant, 1001, type(uint256).max);
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidTaskConfig.selector, redundant, 8));
        queue.enqueueTask(SESSION, redundant, 0, 8, 0, router, "p");
    }

    function testFuzz_AssignTask_TakesExactlyRedundantDistinctMiners(uint256 redundant, uint256 given) public {
        redundant = bound(redundant, 1, 12);
        given = bound(given, 0, 12);
        uint256 taskId = _enqueue(redundant);
        address[] memory miners = new address[](given);
        for (uint256 i = 0; i < given; ++i) {
            miners[i] = address(uint160(0x1000 + i));
        }
        if (given != redundant) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueueWrongMinerCount.selector, SESSION, taskId, given, redundant));
        }
        _assign(taskId, miners);
        if (given == redundant) assertEq(queue.getTask(SESSION, taskId).miners, miners);
    }

    function testFuzz_Ack_IsAcceptedUpToAndIncludingTheDeadline(uint32 ackSec, uint256 delay) public {
        ackSec = uint32(bound(ackSec, 1, 1 days));
        delay = bound(delay, 0, 2 days);
        vm.prank(owner);
        queue.setDeadlines(ackSec * 1000, 90_000, 60_000, 7 days * 1000);
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.warp(T0 + delay);
        if (delay > ackSec) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, SESSION, taskId, m1, T0 + ackSec));
        }
        _ack(taskId, m1);
    }

    /// @dev `acked` picks which of the three miners ack (bit i for miner i).
    function testFuzz_EndAck_NeedsEveryAckOrTheDeadline(uint8 acked, uint256 delay) public {
        acked = uint8(bound(acked, 0, 7));
        delay = bound(delay, 0, 30);
        uint256 taskId = _enqueue(3);
        address[] memory miners = _three();
        _assign(taskId, miners);
        uint256 ackCount;
        for (uint256 i = 0; i < 3; ++i) {
            if (acked & (1 << i) != 0) {
                _ack(taskId, miners[i]);
                ++ackCount;
            }
        }
        vm.warp(T0 + delay);
        if (ackCount < 3 && delay < 15) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueuePhaseNotOver.selector, SESSION, taskId, 3 - ackCount, T0 + 15));
            _endAck(taskId);
            return;
        }
        _endAck(taskId);
        uint8 expected = ackCount >= 2 ? uint8(TaskStatus.Acked) : uint8(TaskStatus.Queued);
        assertEq(_status(taskId), expected);
        for (uint256 i = 0; i < 3; ++i) {
            bool timedOut = acked & (1 << i) == 0;
            assertEq(queue.isExcluded(SESSION, taskId, miners[i]), timedOut && ackCount < 2, "excluded only on requeue");
        }
    }

    /// @dev `honest` makes the reveal the precommitted pair, so both outcomes are fuzzed often.
    function testFuzz_Commit_AcceptsOnlyTheRevealOfThePrecommit(
        string memory result,
        bytes32 salt,
        string memory reveal,
        bytes32 revealSalt,
        bool honest
    ) public {
        if (honest) (reveal, revealSalt) = (result, salt);
        uint256 taskId = _toAcked();
        bytes32 precommitted = queue.getMinerBoundHash(m1, SESSION, taskId, salt, result);
        _precommit(taskId, m1, precommitted);
        _precommit(taskId, m2, bytes32(0));
        _precommit(taskId, m3, bytes32(0));
        _endPrecommit(taskId);
        bytes32 revealed = queue.getMinerBoundHash(m1, SESSION, taskId, revealSalt, reveal);
        bool matches = keccak256(bytes(result)) == keccak256(bytes(reveal)) && salt == revealSalt;
        if (!matches) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueueRevealMismatch.selector, SESSION, taskId, m1, precommitted, revealed));
        }
        vm.prank(m1);
        queue.commit(SESSION, taskId, reveal, revealSalt, 1);
        if (matches) assertEq(queue.getMinerSlot(SESSION, taskId, m1).result, result);
    }

    function testFuzz_Commit_RecordsTokensCappedAtMaxTokens(uint256 tokens) public {
        uint256 taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, tokens);
        assertEq(queue.getMinerSlot(SESSION, taskId, m1).outputTokens, tokens < MAX_TOKENS ? tokens : MAX_TOKENS);
    }

    function testFuzz_Validate_TakesSimilaritiesInTheUnitRangeOnly(int256 similarity) public {
        uint256 taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory sims) = _verdicts(true, true, true);
        sims[1] = similarity;
        if (similarity < -1e6 || similarity > 1e6) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueueSimilarityOutOfRange.selector, SESSION, taskId, m2, similarity));
        }
        _validate(taskId, miners, valid, sims);
    }

    /// @dev `validMask` picks the valid miners (bit i for miner i, who wrote 10·(i+1) tokens).
    function testFuzz_End_ChargesTheSpecPriceOrRefunds(uint8 validMask, uint96 perMiner, uint64 perToken) public {
        validMask = uint8(bound(validMask, 0, 7));
        vm.prank(owner);
        queue.setPricing(perMiner, perToken);
        uint256 taskId = _toValidated(validMask & 1 != 0, validMask & 2 != 0, validMask & 4 != 0);
        uint256 validCount;
        uint256 lowest;
        for (uint256 i = 0; i < 3; ++i) {
            if (validMask & (1 << i) != 0) {
                ++validCount;
                if (lowest == 0) lowest = 10 * (i + 1);
            }
        }
        // Lower median of the valid miners' tokens: the lowest of two, the middle of three.
        uint256 billed = validCount == 3 ? 20 : lowest;
        _end(taskId, false);
        TaskView memory t = queue.getTask(SESSION, taskId);
        if (validCount < 2) {
            assertFalse(t.success);
            assertEq(uint8(t.failureReason), uint8(FailureReason.NoConsensus));
            return;
        }
        uint256 price = (uint256(perMiner) + uint256(perToken) * billed) * validCount;
        assertTrue(t.success);
        assertEq(t.charge, price < ESCROW ? price : ESCROW);
    }

    function testFuzz_End_ForceEndIsAllowedFromTheTotalTimeoutOn(uint32 totalSec, uint256 delay) public {
        totalSec = uint32(bound(totalSec, 1, 7 days));
        delay = bound(delay, 0, 8 days);
        vm.prank(owner);
        queue.setDeadlines(15_000, 90_000, 60_000, totalSec * 1000);
        uint256 taskId = _enqueue(3);
        vm.warp(T0 + delay);
        if (delay < totalSec) {
            vm.expectRevert(abi.encodeWithSelector(SessionQueueTotalTimeoutNotReached.selector, SESSION, taskId, T0 + totalSec));
        }
        _end(taskId, true);
        if (delay >= totalSec) assertEq(_status(taskId), uint8(TaskStatus.Ended));
    }
}
