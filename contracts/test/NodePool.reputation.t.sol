// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the integer reputation of `protocol/reputation` in NodePool: NodeStats counters and
// points, cognitive outcomes with their duplicate guard, the bucketed eligibility window, pool
// eligibility and the status moves it drives (including re-validation and `poolExit`), and levels.
// Method: unit tests that feed outcomes and stats at chosen times and compare with values worked
// out from the spec's rules; a fuzz test of the window against a direct count over a list of
// outcomes (the spec's definition of the window, bucket-aligned).

import {NodePoolTestBase} from "./utils/NodePoolTestBase.sol";

contract NodePoolReputationTest is NodePoolTestBase {
    uint256 internal constant BUCKET_S = 6 hours;

    // ---- NodeStats -----------------------------------------------------------------------------

    function test_RecordStat_CountsAttemptsAndSuccessesPerMetric() public {
        _register(n1);
        pool.recordStat(n1, Metric.Ack, true);
        pool.recordStat(n1, Metric.Ack, false);
        assertTrue(pool.recordStat(n1, Metric.Correctness, true));
        (uint64[10] memory counters, uint64[10] memory points) = pool.getMetrics(n1);
        assertEq(counters[uint8(Metric.Ack)], 2);
        assertEq(points[uint8(Metric.Ack)], 1);
        assertEq(counters[uint8(Metric.Correctness)], 1);
        assertEq(points[uint8(Metric.Correctness)], 1);
        assertEq(counters[uint8(Metric.Commit)], 0);
    }

    function test_RecordStat_SkipsABannedNodeAndRefusesAnUnknownOne() public {
        _register(n1);
        vm.prank(owner);
        pool.ban(n1);
        assertFalse(pool.recordStat(n1, Metric.Ack, true));
        (uint64[10] memory counters,) = pool.getMetrics(n1);
        assertEq(counters[uint8(Metric.Ack)], 0);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n2));
        pool.recordStat(n2, Metric.Ack, true);
    }

    // ---- cognitive outcomes and the pool -------------------------------------------------------

    function test_Outcome_RegisteredGoesToProbationThenTheFirstEligibleRoundAdmits() public {
        _setParams(_params(3, 600_000, 2, 1));
        _register(n1);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Registered, NodeStatus.Probation);
        _outcome(n1, true);
        _outcome(n1, false);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Probation), "2 attempts < 3");
        _outcome(n1, true);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Probation), "rate 2/3 ok, streak 1 < 2");
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Probation, NodeStatus.Available);
        _outcome(n1, true);
        ReputationView memory r = pool.getReputation(n1);
        assertEq(r.attempts, 4);
        assertEq(r.successes, 3);
        assertEq(r.successStreak, 2);
        assertEq(r.failureStreak, 0);
    }

    function test_Outcome_RateExactlyAtTheThresholdPasses() public {
        _setParams(_params(5, 600_000, 0, 1));
        _register(n1);
        _outcome(n1, false);
        _outcome(n1, false);
        _outcome(n1, true);
        _outcome(n1, true);
        _outcome(n1, true); // 3 / 5 = 0.6
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
    }

    function test_Outcome_AvailableStaysUnlessWindowFailsIsChosen() public {
        _setParams(_params(2, 600_000, 1, 1));
        _register(n1);
        _outcome(n1, true);
        _outcome(n1, true);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
        _outcome(n1, false);
        _outcome(n1, false); // 2 / 4 below 0.6: the §3.3 machine keeps it
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
        NodeParams memory p = _params(2, 600_000, 1, 1);
        p.poolExit = PoolExit.WindowFails;
        _setParams(p);
        _outcome(n1, true); // 3 / 5 = 0.6: the window record holds, the streak is ignored
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Available, NodeStatus.Probation);
        _outcome(n1, false); // 3 / 6 = 0.5
    }

    function test_Outcome_ReservedStaysAndRevalidationNeedsItsRounds() public {
        _setParams(_params(1, 0, 1, 2));
        _reserved(n1);
        _outcome(n1, false);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Reserved));
        pool.release(n1, SESSION, ReleaseReason.Manual);
        _outcome(n1, true);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.PendingRevalidation));
        assertEq(pool.getNode(n1).passedRounds, 1);
        _outcome(n1, true);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
    }

    function test_Outcome_AFailedRevalidationRoundSendsToProbation() public {
        _reserved(n1);
        pool.release(n1, SESSION, ReleaseReason.Manual);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.PendingRevalidation, NodeStatus.Probation);
        _outcome(n1, false);
    }

    function test_Outcome_SkipsABannedNodeAndRefusesAnUnknownOne() public {
        _register(n1);
        vm.prank(owner);
        pool.ban(n1);
        assertFalse(pool.recordCognitiveOutcome(n1, 1, true));
        assertEq(pool.getReputation(n1).attempts, 0);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n2));
        pool.recordCognitiveOutcome(n2, 1, true);
    }

    // ---- the duplicate guard -------------------------------------------------------------------

    function test_Outcome_EachRoundOnceEvenOutOfOrder() public {
        _register(n1);
        pool.recordCognitiveOutcome(n1, 10, true);
        pool.recordCognitiveOutcome(n1, 7, true);
        pool.recordCognitiveOutcome(n1, 9, true);
        vm.expectRevert(abi.encodeWithSelector(NodePoolOutcomeAlreadyRecorded.selector, n1, 10));
        pool.recordCognitiveOutcome(n1, 10, true);
        vm.expectRevert(abi.encodeWithSelector(NodePoolOutcomeAlreadyRecorded.selector, n1, 7));
        pool.recordCognitiveOutcome(n1, 7, false);
        pool.recordCognitiveOutcome(n1, 42, true); // 10 moves into the mask at bit 31
        vm.expectRevert(abi.encodeWithSelector(NodePoolOutcomeAlreadyRecorded.selector, n1, 10));
        pool.recordCognitiveOutcome(n1, 10, true);
        vm.expectRevert(abi.encodeWithSelector(NodePoolOutcomeAlreadyRecorded.selector, n1, 9));
        pool.recordCognitiveOutcome(n1, 9, true); // 33 rounds below the newest: out of reach
        NodeView memory v = pool.getNode(n1);
        assertEq(v.lastRoundId, 42);
        assertEq(v.roundsSeenMask, uint32(1) << 31);
        assertEq(pool.getReputation(n1).attempts, 4);
    }

    function testFuzz_Outcome_TheGuardAcceptsEachRoundAtMostOnce(uint256 seed) public {
        _register(n1);
        bool[64] memory seen;
        uint256 newest;
        bool any;
        for (uint256 i = 0; i < 24; ++i) {
            uint256 roundId = uint256(keccak256(abi.encode(seed, i))) % 64;
            bool expectNew = !seen[roundId] && (!any || roundId > newest || newest - roundId <= 32);
            if (expectNew) {
                pool.recordCognitiveOutcome(n1, roundId, true);
                seen[roundId] = true;
                if (!any || roundId > newest) newest = roundId;
                any = true;
            } else {
                vm.expectRevert(abi.encodeWithSelector(NodePoolOutcomeAlreadyRecorded.selector, n1, roundId));
                pool.recordCognitiveOutcome(n1, roundId, true);
            }
        }
    }

    // ---- the eligibility window ----------------------------------------------------------------

    function test_Window_DropsBucketsOlderThanTheWindow() public {
        _register(n1);
        _outcome(n1, true);
        vm.warp(T0 + BUCKET_S);
        _outcome(n1, false);
        (uint256 attempts, uint256 successes) = pool.getWindowCounts(n1);
        assertEq(attempts, 2);
        assertEq(successes, 1);
        // 28 buckets later the first bucket has left the window, the second not yet.
        uint256 head = T0 / BUCKET_S;
        vm.warp((head + 28) * BUCKET_S);
        (attempts, successes) = pool.getWindowCounts(n1);
        assertEq(attempts, 1);
        assertEq(successes, 0);
        _outcome(n1, true);
        ReputationView memory r = pool.getReputation(n1);
        assertEq(r.windowTotalAttempts, 2);
        assertEq(r.windowTotalSuccesses, 1);
        assertEq(r.headBucket, head + 28);
        assertEq(r.attempts, 3, "lifetime totals keep everything");
        vm.warp(T0 + 400 days);
        (attempts,) = pool.getWindowCounts(n1);
        assertEq(attempts, 0);
    }

    function testFuzz_Window_CountsTheBucketAlignedWindow(uint256 seed) public {
        _register(n1);
        uint256[12] memory times;
        bool[12] memory results;
        uint256 t = T0;
        for (uint256 i = 0; i < 12; ++i) {
            t += uint256(keccak256(abi.encode(seed, i))) % (3 days);
            vm.warp(t);
            results[i] = uint256(keccak256(abi.encode(seed, i, "r"))) % 3 != 0;
            times[i] = t;
            _outcome(n1, results[i]);
        }
        uint256 check = t + uint256(keccak256(abi.encode(seed, "later"))) % (8 days);
        vm.warp(check);
        uint256 nowBucket = check / BUCKET_S;
        uint256 attempts;
        uint256 successes;
        for (uint256 i = 0; i < 12; ++i) {
            // In the window: the bucket of now and the 27 before it.
            if (times[i] / BUCKET_S + 28 > nowBucket) {
                ++attempts;
                if (results[i]) ++successes;
            }
        }
        (uint256 a, uint256 s) = pool.getWindowCounts(n1);
        assertEq(a, attempts);
        assertEq(s, successes);
    }

    // ---- levels --------------------------------------------------------------------------------

    function test_Level_UpOneStepPerRequirementMet() public {
        _register(n1);
        _outcome(n1, true);
        _outcome(n1, true);
        vm.expectEmit(address(pool));
        emit NodeLevelChanged(n1, 0, 1, LevelChangeReason.SuccessStreak);
        _outcome(n1, true); // 3 in a row at 100%: level 0 needs 3 and 60%
        ReputationView memory r = pool.getReputation(n1);
        assertEq(r.level, 1);
        assertEq(r.levelSuccessStreak, 0, "the level's streak restarts");
        assertEq(r.levelChangedAt, T0);
        assertEq(r.successStreak, 3, "the pool's streak does not");
        for (uint256 i = 0; i < 3; ++i) {
            _outcome(n1, true);
        }
        assertEq(pool.getLevel(n1), 1, "level 1 needs 4 in a row");
        _outcome(n1, true);
        assertEq(pool.getLevel(n1), 2);
    }

    function test_Level_NeedsTheWindowRateToo() public {
        _register(n1);
        for (uint256 i = 0; i < 3; ++i) {
            _outcome(n1, false);
        }
        _outcome(n1, true);
        _outcome(n1, true);
        _outcome(n1, true); // streak 3 but 3 / 6 < 60%
        assertEq(pool.getLevel(n1), 0);
        _outcome(n1, true); // 4 / 7 < 60%
        assertEq(pool.getLevel(n1), 0);
        _outcome(n1, true); // 5 / 8 ≥ 60%, streak 5 ≥ 3
        assertEq(pool.getLevel(n1), 1);
    }

    function test_Level_DownAfterTheFailureStreak() public {
        _register(n1);
        for (uint256 i = 0; i < 3; ++i) {
            _outcome(n1, true);
        }
        assertEq(pool.getLevel(n1), 1);
        _outcome(n1, false);
        _outcome(n1, false);
        vm.expectEmit(address(pool));
        emit NodeLevelChanged(n1, 1, 0, LevelChangeReason.FailureStreak);
        _outcome(n1, false);
        _outcome(n1, false);
        _outcome(n1, false);
        _outcome(n1, false);
        assertEq(pool.getLevel(n1), 0, "never below 0");
    }

    function test_Level_StopsAtTheMaximum() public {
        NodeParams memory p = _params(1, 0, 1, 1);
        p.levelsMax = 1;
        _setParams(p);
        _register(n1);
        for (uint256 i = 0; i < 20; ++i) {
            _outcome(n1, true);
        }
        assertEq(pool.getLevel(n1), 1);
    }
}
