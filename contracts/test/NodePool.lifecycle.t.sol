// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: NodePool follows `protocol/node`: registration, liveness overlay, bans, reservations and
// their release rule, task counting, dedicated sessions and the selection checks, each with its
// events in the spec's order and every rejection with the spec's code.
// Method: unit tests per entry point on the NodePoolTestBase set-up (this contract is the pool's
// modules), one `test_RevertWhen_…` per refusal, fuzz tests of the liveness arithmetic.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ChainClock} from "../src/ChainClock.sol";
import {NodePool} from "../src/NodePool.sol";
import {NodePoolTestBase} from "./utils/NodePoolTestBase.sol";

contract NodePoolLifecycleTest is NodePoolTestBase {
    // ---- construction and administration -------------------------------------------------------

    function test_Constructor_SetsTheSpecDefaultsAndWindow() public {
        NodePool fresh = new NodePool(owner, 1000, 0, WINDOW_MS, 28);
        NodeParams memory p = fresh.getParams();
        assertEq(p.pingIntervalMs, 60_000);
        assertEq(p.offlineAfterMissedPings, 3);
        assertEq(p.maxModels, 66);
        assertEq(p.maxDedicatedSessions, 8);
        assertEq(p.minAttempts, 20);
        assertEq(p.minSuccessRatePpm, 600_000);
        assertEq(p.minConsecutiveSuccesses, 3);
        assertEq(p.revalidationRounds, 1);
        assertEq(uint8(p.poolExit), uint8(PoolExit.Never));
        assertEq(p.levelsMax, 10);
        assertEq(p.baseConsecutive, 3);
        assertEq(p.stepConsecutive, 1);
        assertEq(p.baseSuccessRatePpm, 600_000);
        assertEq(p.stepSuccessRatePpm, 30_000);
        assertEq(p.downgradeFailureStreak, 3);
        assertEq(uint8(p.releaseRule), uint8(ReleaseRule.FirstOf));
        assertEq(p.maxReservePeriodMs, 86_400_000);
        assertEq(p.maxTaskExecutionCountCap, 1000);
        assertEq(p.minStake, 10_000e18);
        (uint256 windowMs, uint256 buckets, uint256 bucketMs) = fresh.getWindowGeometry();
        assertEq(windowMs, WINDOW_MS);
        assertEq(buckets, 28);
        assertEq(bucketMs, 6 hours * 1000);
        (uint256 levelsMax, uint256 maxReserve, uint256 maxTasks) = fresh.getSessionLimits();
        assertEq(levelsMax, 10);
        assertEq(maxReserve, 86_400_000);
        assertEq(maxTasks, 1000);
    }

    function test_RevertWhen_ConstructorWindowIsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidParam.selector, 16, 0));
        new NodePool(owner, 1000, 0, 0, 28);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidParam.selector, 17, 10_001));
        new NodePool(owner, 1000, 0, WINDOW_MS, 10_001);
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockInvalidTimeUnit.selector, 0));
        new NodePool(owner, 0, 0, WINDOW_MS, 28);
    }

    function test_RevertWhen_SetParamsIsOutOfRange() public {
        NodeParams memory p = _params(1, 0, 1, 1);
        uint256[15] memory badValue = [uint256(0), 1001, 1025, 1001, 100_001, 1_000_001, 10_001, 101, 0, 10_001, 1_000_001, 1_000_001, 0, 0, 0];
        uint8[15] memory fields = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15];
        for (uint256 i = 0; i < 15; ++i) {
            NodeParams memory bad = _params(1, 0, 1, 1);
            uint256 v = badValue[i];
            if (i == 0) bad.pingIntervalMs = uint32(v);
            if (i == 1) bad.offlineAfterMissedPings = uint16(v);
            if (i == 2) bad.maxModels = uint16(v);
            if (i == 3) bad.maxDedicatedSessions = uint16(v);
            if (i == 4) bad.minAttempts = uint32(v);
            if (i == 5) bad.minSuccessRatePpm = uint32(v);
            if (i == 6) bad.minConsecutiveSuccesses = uint32(v);
            if (i == 7) bad.revalidationRounds = uint8(v);
            if (i == 8) bad.baseConsecutive = uint32(v);
            if (i == 9) bad.stepConsecutive = uint32(v);
            if (i == 10) bad.baseSuccessRatePpm = uint32(v);
            if (i == 11) bad.stepSuccessRatePpm = uint32(v);
            if (i == 12) bad.downgradeFailureStreak = uint32(v);
            if (i == 13) bad.maxReservePeriodMs = uint64(v);
            if (i == 14) bad.maxTaskExecutionCountCap = uint32(v);
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidParam.selector, fields[i], v));
            pool.setParams(bad);
        }
        vm.expectEmit(address(pool));
        emit NodePoolParamsUpdated(p);
        _setParams(p);
    }

    function test_SetModules_StoresAndRejectsZero() public {
        vm.expectEmit(address(pool));
        emit NodePoolModulesUpdated(n1, n2, stranger, address(this));
        vm.prank(owner);
        pool.setModules(n1, n2, stranger, this);
        (address s, address q, address c, address p) = pool.getModules();
        assertEq(s, n1);
        assertEq(q, n2);
        assertEq(c, stranger);
        assertEq(p, address(this));
        vm.prank(owner);
        vm.expectRevert(NodePoolZeroAddress.selector);
        pool.setModules(n1, n2, address(0), this);
    }

    function test_RevertWhen_AnAdminCallerIsNotTheOwner() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        pool.setParams(_params(1, 0, 1, 1));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        pool.setModules(n1, n2, n1, this);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        pool.unban(n1);
        vm.stopPrank();
    }

    function test_RevertWhen_AModuleCallerIsNotTheModule() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.reserve(n1, SESSION, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.release(n1, SESSION, ReleaseReason.Manual);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.taskExecuted(n1, SESSION);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.addDedicated(n1, SESSION, stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.removeDedicated(n1, SESSION, stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.recordStat(n1, Metric.Ack, true);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.recordCognitiveOutcome(n1, 1, true);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotModule.selector, stranger));
        pool.pingFor(n1);
        vm.stopPrank();
    }

    // ---- registration --------------------------------------------------------------------------

    function test_Register_StartsRegisteredAndOnline() public {
        uint256[] memory models = new uint256[](2);
        (models[0], models[1]) = (7, 3);
        vm.expectEmit(address(pool));
        emit NodeRegistered(n1, models);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Unregistered, NodeStatus.Registered);
        vm.prank(n1);
        pool.register(models);
        NodeView memory v = pool.getNode(n1);
        assertEq(uint8(v.status), uint8(NodeStatus.Registered));
        assertEq(v.statusSeq, 1);
        assertEq(v.registeredAt, T0);
        assertEq(v.statusSince, T0);
        assertTrue(v.online);
        assertEq(v.lastPingAt, T0);
        assertEq(v.models.length, 2);
        assertEq(v.models[1], 3);
        assertEq(v.lastRoundId, -1);
        assertTrue(pool.servesModel(n1, 3));
        assertFalse(pool.servesModel(n1, 4));
        assertTrue(pool.isOnline(n1));
        assertEq(pool.getReputation(n1).headBucket, T0 * 1000 / (6 hours * 1000));
    }

    function test_RevertWhen_RegisterTwiceOrWhileBanned() public {
        _register(n1);
        vm.prank(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolAlreadyRegistered.selector, n1, NodeStatus.Registered));
        pool.register(_models(1));
        vm.prank(owner);
        pool.ban(n1);
        vm.prank(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.register(_models(1));
    }

    function test_RevertWhen_RegisterModelsAreMalformed() public {
        vm.startPrank(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidModels.selector, 0, 66));
        pool.register(new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidModels.selector, 67, 66));
        pool.register(new uint256[](67));
        uint256[] memory twice = new uint256[](2);
        (twice[0], twice[1]) = (5, 5);
        vm.expectRevert(abi.encodeWithSelector(NodePoolDuplicateModel.selector, 5));
        pool.register(twice);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidModelId.selector, 2 ** 53));
        pool.register(_models(2 ** 53));
        vm.stopPrank();
    }

    // ---- liveness ------------------------------------------------------------------------------

    function test_Ping_CountsAndBringsANodeBack() public {
        _register(n1);
        vm.warp(T0 + 180);
        pool.checkLiveness(n1);
        assertFalse(pool.getNode(n1).online);
        vm.warp(T0 + 200);
        vm.expectEmit(address(pool));
        emit NodeOnline(n1);
        vm.prank(n1);
        pool.ping();
        NodeView memory v = pool.getNode(n1);
        assertTrue(v.online);
        assertEq(v.lastPingAt, T0 + 200);
        assertEq(v.missedPings, 0);
        (uint64[10] memory counters, uint64[10] memory points) = pool.getMetrics(n1);
        assertEq(counters[uint8(Metric.Ping)], 4, "3 missed + 1 ping");
        assertEq(points[uint8(Metric.Ping)], 1);
    }

    function test_Ping_WhenOnlineEmitsNothing() public {
        _register(n1);
        vm.recordLogs();
        vm.prank(n1);
        pool.ping();
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_PingFor_RelaysCognitivesPing() public {
        _register(n1);
        vm.warp(T0 + 30);
        pool.pingFor(n1);
        assertEq(pool.getNode(n1).lastPingAt, T0 + 30);
    }

    function test_RevertWhen_PingIsFromAnUnknownOrBannedNode() public {
        vm.prank(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n1));
        pool.ping();
        _register(n1);
        vm.prank(owner);
        pool.ban(n1);
        vm.prank(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.ping();
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.checkLiveness(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n2));
        pool.checkLiveness(n2);
    }

    function test_CheckLiveness_BooksMissedIntervalsOnceAndGoesOfflineAtTheThreshold() public {
        _register(n1);
        vm.warp(T0 + 119);
        pool.checkLiveness(n1);
        assertEq(pool.getNode(n1).missedPings, 1);
        assertTrue(pool.getNode(n1).online);
        vm.recordLogs();
        pool.checkLiveness(n1); // nothing new
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(pool.getNode(n1).updatedAt, T0 + 119);
        vm.warp(T0 + 180);
        assertFalse(pool.isOnline(n1), "offline by the clock before any check");
        vm.expectEmit(address(pool));
        emit NodeOffline(n1, 3, uint64(T0));
        pool.checkLiveness(n1);
        (uint64[10] memory counters,) = pool.getMetrics(n1);
        assertEq(counters[uint8(Metric.Ping)], 3);
        vm.warp(T0 + 300);
        vm.recordLogs();
        pool.checkLiveness(n1); // already offline: counts, no second event
        assertEq(vm.getRecordedLogs().length, 0);
        (counters,) = pool.getMetrics(n1);
        assertEq(counters[uint8(Metric.Ping)], 5);
    }

    function testFuzz_IsOnline_AfterWholeMissedIntervals(uint32 secondsLater) public {
        _register(n1);
        uint256 later = bound(secondsLater, 0, 1000);
        vm.warp(T0 + later);
        assertEq(pool.isOnline(n1), later / 60 < 3);
        pool.checkLiveness(n1);
        assertEq(pool.getNode(n1).missedPings, later / 60);
        assertEq(pool.getNode(n1).online, later / 60 < 3);
    }

    // ---- bans ----------------------------------------------------------------------------------

    function test_Ban_AReservedNodeLeavesItsSession() public {
        _reserved(n1);
        vm.expectEmit(address(pool));
        emit NodeReleased(n1, SESSION, ReleaseReason.Banned, 0);
        vm.expectEmit(address(pool));
        emit NodeBanned(n1, owner);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Reserved, NodeStatus.Banned);
        vm.prank(owner);
        pool.ban(n1);
        assertEq(bannedCallbacks.length, 1);
        assertEq(bannedCallbacks[0], n1);
        assertEq(bannedCallbackSessions[0], SESSION);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Banned));
        assertEq(pool.getNode(n1).sessionId, 0, "no reservation while banned");
    }

    function test_Ban_ANodeOutsideASessionCallsNoSession() public {
        _pooled(n1);
        vm.prank(owner);
        pool.ban(n1);
        assertEq(bannedCallbacks.length, 0);
    }

    function test_RevertWhen_BanIsUnknownOrRepeated() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n1));
        pool.ban(n1);
        _register(n1);
        vm.startPrank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.ban(n1);
        vm.stopPrank();
    }

    function test_Unban_ReturnsToProbation() public {
        _pooled(n1);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectEmit(address(pool));
        emit NodeUnbanned(n1, owner);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Banned, NodeStatus.Probation);
        vm.prank(owner);
        pool.unban(n1);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Probation));
    }

    function test_RevertWhen_UnbanIsNotBannedOrUnknown() public {
        _register(n1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(NodePoolWrongPhase.selector, n1, NodeStatus.Registered));
        pool.unban(n1);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n2));
        pool.unban(n2);
    }

    // ---- reservations --------------------------------------------------------------------------

    function test_Reserve_TakesAnAvailableNode() public {
        _pooled(n1);
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Available, NodeStatus.Reserved);
        vm.expectEmit(address(pool));
        emit NodeReserved(n1, SESSION, uint64(T0), 300_000, 2);
        pool.reserve(n1, SESSION, 300_000, 2);
        NodeView memory v = pool.getNode(n1);
        assertEq(v.sessionId, SESSION);
        assertEq(v.reservedAt, T0);
        assertEq(v.reservePeriodMs, 300_000);
        assertEq(v.maxTaskExecutionCount, 2);
        (uint256 sessionId, bool due,) = pool.getReservation(n1);
        assertEq(sessionId, SESSION);
        assertFalse(due);
    }

    function test_RevertWhen_ReserveANodeOutsideThePool() public {
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n1));
        pool.reserve(n1, SESSION, 1, 1);
        _register(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeNotAvailable.selector, n1, NodeStatus.Registered));
        pool.reserve(n1, SESSION, 1, 1);
        _outcome(n1, true);
        pool.reserve(n1, SESSION, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeReserved.selector, n1, SESSION));
        pool.reserve(n1, SESSION + 1, 1, 1);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.reserve(n1, SESSION, 1, 1);
    }

    function test_RevertWhen_ReserveTermsAreInvalid() public {
        _pooled(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidReservation.selector, 0, 1));
        pool.reserve(n1, SESSION, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidReservation.selector, 1, 0));
        pool.reserve(n1, SESSION, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(NodePoolReservationTooLong.selector, 86_400_001, 1));
        pool.reserve(n1, SESSION, 86_400_001, 1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolReservationTooLong.selector, 1, 1001));
        pool.reserve(n1, SESSION, 1, 1001);
    }

    function test_RevertWhen_ReserveAnOfflineNode() public {
        _pooled(n1);
        vm.warp(T0 + 180);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeOffline.selector, n1));
        pool.reserve(n1, SESSION, 1, 1);
    }

    function test_Release_RevalidatesBeforeThePool() public {
        _reserved(n1);
        vm.warp(T0 + 300);
        (, bool due, ReleaseReason reason) = pool.getReservation(n1);
        assertTrue(due);
        assertEq(uint8(reason), uint8(ReleaseReason.Period));
        vm.expectEmit(address(pool));
        emit NodeStatusChanged(n1, NodeStatus.Reserved, NodeStatus.PendingRevalidation);
        vm.expectEmit(address(pool));
        emit NodeReleased(n1, SESSION, ReleaseReason.Period, 0);
        pool.release(n1, SESSION, ReleaseReason.Period);
        NodeView memory v = pool.getNode(n1);
        assertEq(v.releasedAt, T0 + 300);
        assertEq(v.passedRounds, 0);
        _outcome(n1, true);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available), "one round passed");
    }

    function test_Release_WithoutRevalidationReturnsToThePool() public {
        _setParams(_params(1, 0, 1, 0));
        _reserved(n1);
        pool.release(n1, SESSION, ReleaseReason.Manual);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.Available));
    }

    function test_Release_ByTaskCountOnceReached() public {
        _reserved(n1);
        (bool applied, bool due) = pool.taskExecuted(n1, SESSION);
        assertTrue(applied);
        assertFalse(due);
        vm.expectRevert(abi.encodeWithSelector(NodePoolReleaseNotDue.selector, n1, ReleaseReason.TaskCount));
        pool.release(n1, SESSION, ReleaseReason.TaskCount);
        (applied, due) = pool.taskExecuted(n1, SESSION);
        assertTrue(due, "2 of 2 tasks");
        assertEq(pool.getNode(n1).tasksExecuted, 2);
        pool.release(n1, SESSION, ReleaseReason.TaskCount);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.PendingRevalidation));
    }

    function test_TaskExecuted_UnderPeriodOnlyNeverReleases() public {
        NodeParams memory p = _params(1, 0, 1, 1);
        p.releaseRule = ReleaseRule.PeriodOnly;
        _setParams(p);
        _reserved(n1);
        pool.taskExecuted(n1, SESSION);
        (, bool due) = pool.taskExecuted(n1, SESSION);
        assertFalse(due);
        vm.expectRevert(abi.encodeWithSelector(NodePoolReleaseNotDue.selector, n1, ReleaseReason.TaskCount));
        pool.release(n1, SESSION, ReleaseReason.TaskCount);
    }

    function test_TaskExecuted_AfterThePeriodIsDueByPeriodNotCount() public {
        _reserved(n1);
        vm.warp(T0 + 400);
        pool.taskExecuted(n1, SESSION);
        (bool applied, bool dueByCount) = pool.taskExecuted(n1, SESSION);
        assertTrue(applied);
        assertFalse(dueByCount, "the period came first");
    }

    function test_TaskExecuted_SkipsWhatTheWorldSkips() public {
        _reserved(n1);
        (bool applied,) = pool.taskExecuted(n1, SESSION + 1);
        assertFalse(applied, "another session's task");
        _register(n2);
        pool.addDedicated(n2, SESSION + 1, stranger);
        uint64 updated = pool.getNode(n2).updatedAt;
        vm.warp(T0 + 5);
        (applied,) = pool.taskExecuted(n2, SESSION + 1);
        assertTrue(applied, "a dedicated session's task is accepted");
        assertEq(pool.getNode(n2).updatedAt, updated, "and changes nothing");
        vm.prank(owner);
        pool.ban(n1);
        (applied,) = pool.taskExecuted(n1, SESSION);
        assertFalse(applied, "banned meanwhile");
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, stranger));
        pool.taskExecuted(stranger, SESSION);
    }

    function test_RevertWhen_ReleaseIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n1));
        pool.release(n1, SESSION, ReleaseReason.Manual);
        _pooled(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolWrongPhase.selector, n1, NodeStatus.Available));
        pool.release(n1, SESSION, ReleaseReason.Manual);
        pool.reserve(n1, SESSION, 300_000, 2);
        vm.expectRevert(abi.encodeWithSelector(NodePoolInvalidReleaseReason.selector, ReleaseReason.Banned));
        pool.release(n1, SESSION, ReleaseReason.Banned);
        vm.expectRevert(abi.encodeWithSelector(NodePoolWrongSession.selector, n1, SESSION + 1, SESSION));
        pool.release(n1, SESSION + 1, ReleaseReason.Manual);
        vm.warp(T0 + 299);
        vm.expectRevert(abi.encodeWithSelector(NodePoolReleaseNotDue.selector, n1, ReleaseReason.Period));
        pool.release(n1, SESSION, ReleaseReason.Period);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.release(n1, SESSION, ReleaseReason.Manual);
    }

    function test_Release_DeactivatedIsAlwaysAllowed() public {
        _reserved(n1);
        pool.release(n1, SESSION, ReleaseReason.Deactivated);
        assertEq(uint8(_status(n1)), uint8(NodeStatus.PendingRevalidation));
    }

    // ---- dedicated sessions --------------------------------------------------------------------

    function test_Dedicated_AddAndRemoveKeepOrder() public {
        _register(n1);
        vm.expectEmit(address(pool));
        emit DedicatedNodeAdded(n1, 1, stranger);
        pool.addDedicated(n1, 1, stranger);
        pool.addDedicated(n1, 2, stranger);
        pool.addDedicated(n1, 3, stranger);
        vm.expectEmit(address(pool));
        emit DedicatedNodeRemoved(n1, 2, stranger);
        pool.removeDedicated(n1, 2, stranger);
        uint256[] memory list = pool.getNode(n1).dedicatedSessions;
        assertEq(list.length, 2);
        assertEq(list[0], 1);
        assertEq(list[1], 3);
    }

    function test_RevertWhen_DedicationIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n1));
        pool.addDedicated(n1, 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotRegistered.selector, n1));
        pool.removeDedicated(n1, 1, stranger);
        _register(n1);
        pool.addDedicated(n1, 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolAlreadyDedicated.selector, n1, 1));
        pool.addDedicated(n1, 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNotDedicated.selector, n1, 9));
        pool.removeDedicated(n1, 9, stranger);
        NodeParams memory p = _params(1, 0, 1, 1);
        p.maxDedicatedSessions = 1;
        _setParams(p);
        vm.expectRevert(abi.encodeWithSelector(NodePoolTooManyDedicatedSessions.selector, n1, 1));
        pool.addDedicated(n1, 2, stranger);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.addDedicated(n1, 2, stranger);
        pool.removeDedicated(n1, 1, stranger); // owners may still detach a banned node
        assertEq(pool.getNode(n1).dedicatedSessions.length, 0);
    }

    // ---- selection -----------------------------------------------------------------------------

    function test_CheckSelectable_ReportsEachReasonInTheSpecsOrder() public {
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.NotRegistered));
        _register(n1);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.NodeNotAvailable));
        _outcome(n1, true);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.None));
        assertEq(uint8(pool.checkSelectable(n1, MODEL + 1, 0, 0)), uint8(NotSelectableReason.ModelNotServed));
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 1, 0)), uint8(NotSelectableReason.LevelTooLow));
        stakes[n1] = 10_000e18 - 1;
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.StakeTooLow));
        stakes[n1] = 10_000e18;
        pool.reserve(n1, SESSION, 300_000, 2);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.NodeReserved));
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, SESSION)), uint8(NotSelectableReason.None), "its own session");
        vm.warp(T0 + 180);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, SESSION)), uint8(NotSelectableReason.NodeOffline));
        vm.prank(owner);
        pool.ban(n1);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, 0)), uint8(NotSelectableReason.NodeBanned));
    }

    function test_CheckSelectable_ADedicatedNodeSkipsThePoolCheck() public {
        _register(n1);
        pool.addDedicated(n1, SESSION, stranger);
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, SESSION)), uint8(NotSelectableReason.None));
        assertEq(uint8(pool.checkSelectable(n1, MODEL, 0, SESSION + 1)), uint8(NotSelectableReason.NodeNotAvailable));
    }

    function test_RequireSelectable_RevertsWithTheReasonsError() public {
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n1));
        pool.requireSelectable(n1, MODEL, 0, 0);
        _register(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeNotAvailable.selector, n1, NodeStatus.Registered));
        pool.requireSelectable(n1, MODEL, 0, 0);
        _outcome(n1, true);
        pool.requireSelectable(n1, MODEL, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(NodePoolModelNotServed.selector, n1, MODEL + 1));
        pool.requireSelectable(n1, MODEL + 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(NodePoolLevelTooLow.selector, n1, 0, 2));
        pool.requireSelectable(n1, MODEL, 2, 0);
        stakes[n1] = 5;
        vm.expectRevert(abi.encodeWithSelector(NodePoolStakeTooLow.selector, n1, 5, 10_000e18));
        pool.requireSelectable(n1, MODEL, 0, 0);
        stakes[n1] = 10_000e18;
        pool.reserve(n1, SESSION, 300_000, 2);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeReserved.selector, n1, SESSION));
        pool.requireSelectable(n1, MODEL, 0, 0);
        vm.warp(T0 + 180);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeOffline.selector, n1));
        pool.requireSelectable(n1, MODEL, 0, 0);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.requireSelectable(n1, MODEL, 0, 0);
    }

    function test_RequireAssignableAndNetworkEligible() public {
        pool.requireAssignable(n1); // unknown: Session's membership check refuses it
        vm.expectRevert(abi.encodeWithSelector(NodePoolUnknownNode.selector, n1));
        pool.requireNetworkEligible(n1);
        _register(n1);
        pool.requireAssignable(n1);
        pool.requireNetworkEligible(n1);
        vm.warp(T0 + 180);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeOffline.selector, n1));
        pool.requireAssignable(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeOffline.selector, n1));
        pool.requireNetworkEligible(n1);
        vm.prank(owner);
        pool.ban(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.requireAssignable(n1);
        vm.expectRevert(abi.encodeWithSelector(NodePoolNodeBanned.selector, n1));
        pool.requireNetworkEligible(n1);
        assertFalse(pool.isOnline(n2));
    }
}
