// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: OracleRegistry is `protocol/oracle`: windows and their base leaders by address order,
// heartbeats, failover after the silence limit (grace, or missed heartbeats), strict and lenient
// authorization, registration rules; every entry point and every revert path.
// Method: one registry on a clock of one tick per second from the origin 0, three oracles with
// known address order; unit tests per function, `test_RevertWhen_…` per rejection, fuzz tests for
// the window arithmetic against a direct computation.

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ChainClock} from "../src/ChainClock.sol";
import {OracleRegistry} from "../src/OracleRegistry.sol";
import {IOracleRegistryErrors, IOracleRegistryEvents} from "../src/interfaces/IOracleRegistry.sol";

contract OracleRegistryTest is Test, IOracleRegistryEvents, IOracleRegistryErrors {
    uint256 internal constant WINDOW_S = 60;
    // Window 20 000 starts here: windows are aligned with the origin (tick 0).
    uint256 internal constant T0 = 1_200_000;
    uint64 internal constant W0 = uint64(T0 / WINDOW_S);

    OracleRegistry internal registry;
    address internal owner = makeAddr("owner");
    address internal module = makeAddr("module");
    address internal stranger = makeAddr("stranger");
    // Ascending address order: a < b < c.
    address internal a = address(0xA1);
    address internal b = address(0xB2);
    address internal c = address(0xC3);

    function setUp() public {
        vm.warp(T0);
        registry = new OracleRegistry(owner, 1000, 0);
        vm.prank(owner);
        registry.setModule(module, true);
    }

    function _registerAll() internal {
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (c, a, b);
        vm.prank(owner);
        registry.registerOracles(list);
    }

    function _authorize(address actor) internal {
        vm.prank(module);
        registry.authorize(actor);
    }

    // ---- construction and parameters -----------------------------------------------------------

    function test_Constructor_SetsTheSpecDefaults() public view {
        OracleParams memory p = registry.getParams();
        assertEq(p.windowMs, 60_000);
        assertEq(p.graceMs, 15_000);
        assertEq(p.heartbeatMs, 5000);
        assertEq(uint8(p.failoverRule), uint8(FailoverRule.Grace));
        assertEq(p.missedHeartbeats, 2);
        assertEq(uint8(p.mode), uint8(OracleMode.Strict));
        assertEq(registry.msPerTick(), 1000);
        assertEq(registry.originTick(), 0);
        assertEq(uint8(registry.getOracleSet().status), uint8(OracleSetStatus.Empty));
        assertEq(registry.getLeader(), address(0));
        assertEq(registry.getRotationDueAt(), 0);
    }

    function test_RevertWhen_ConstructorTimeUnitIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockInvalidTimeUnit.selector, 0));
        new OracleRegistry(owner, 0, 0);
    }

    function test_RevertWhen_ConstructorOriginIsInTheFuture() public {
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockOriginInFuture.selector, T0 + 1, T0));
        new OracleRegistry(owner, 1000, T0 + 1);
    }

    function test_RevertWhen_ConstructorWindowIsNotWholeTicks() public {
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockNotWholeTicks.selector, 60_000, 7000));
        new OracleRegistry(owner, 7000, 0);
    }

    function test_SetParams_StoresAndEmits() public {
        OracleParams memory p = OracleParams(30_000, 0, 1, FailoverRule.MissedHeartbeats, 1000, OracleMode.Lenient);
        vm.expectEmit(address(registry));
        emit OracleParamsUpdated(p);
        vm.prank(owner);
        registry.setParams(p);
        assertEq(abi.encode(registry.getParams()), abi.encode(p));
    }

    function test_RevertWhen_SetParamsIsOutOfRange() public {
        OracleParams[7] memory bad = [
            OracleParams(0, 0, 1, FailoverRule.MissedHeartbeats, 1, OracleMode.Strict),
            OracleParams(86_401_000, 0, 1, FailoverRule.MissedHeartbeats, 1, OracleMode.Strict),
            OracleParams(60_000, 60_000, 1, FailoverRule.MissedHeartbeats, 1, OracleMode.Strict),
            OracleParams(60_000, 15_000, 15_000, FailoverRule.Grace, 1, OracleMode.Strict),
            OracleParams(60_000, 15_000, 0, FailoverRule.MissedHeartbeats, 1, OracleMode.Strict),
            OracleParams(60_000, 15_000, 1000, FailoverRule.MissedHeartbeats, 0, OracleMode.Strict),
            OracleParams(60_000, 15_000, 1000, FailoverRule.MissedHeartbeats, 1001, OracleMode.Strict)
        ];
        uint8[7] memory field = [0, 0, 1, 2, 2, 3, 3];
        uint256[7] memory value = [uint256(0), 86_401_000, 60_000, 15_000, 0, 0, 1001];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(OracleRegistryInvalidParam.selector, field[i], value[i]));
            registry.setParams(bad[i]);
        }
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockNotWholeTicks.selector, 1500, 1000));
        registry.setParams(OracleParams(1500, 0, 1, FailoverRule.MissedHeartbeats, 1, OracleMode.Strict));
    }

    function test_RevertWhen_AnAdminCallerIsNotTheOwner() public {
        bytes[5] memory calls = [
            abi.encodeCall(registry.registerOracle, (a)),
            abi.encodeCall(registry.registerOracles, (new address[](0))),
            abi.encodeCall(registry.deregisterOracle, (a)),
            abi.encodeCall(registry.setModule, (stranger, true)),
            abi.encodeCall(registry.setParams, (registry.getParams()))
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.prank(stranger);
            (bool ok, bytes memory data) = address(registry).call(calls[i]);
            assertFalse(ok);
            assertEq(data, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        }
    }

    function test_SetModule_AllowsAndDisallows() public {
        vm.expectEmit(address(registry));
        emit OracleModuleUpdated(stranger, true);
        vm.prank(owner);
        registry.setModule(stranger, true);
        assertTrue(registry.isModule(stranger));
        vm.prank(owner);
        registry.setModule(stranger, false);
        assertFalse(registry.isModule(stranger));
    }

    function test_RevertWhen_SetModuleAddressIsZero() public {
        vm.prank(owner);
        vm.expectRevert(OracleRegistryZeroAddress.selector);
        registry.setModule(address(0), true);
    }

    // ---- registration --------------------------------------------------------------------------

    function test_RegisterOracle_FirstOracleLeadsAtOnce() public {
        vm.expectEmit(address(registry));
        emit OracleRegistered(b);
        vm.expectEmit(address(registry));
        emit LeaderChanged(W0, address(0), b, LeaderChangeReason.Window);
        vm.prank(owner);
        registry.registerOracle(b);
        OracleSetView memory v = registry.getOracleSet();
        assertEq(uint8(v.status), uint8(OracleSetStatus.Active));
        assertEq(v.leader, b);
        assertEq(v.window, W0);
        assertEq(v.leaderSince, T0);
        assertEq(v.leaderActiveAt, T0);
    }

    function test_RegisterOracle_KeepsAddressOrderAndTheLeader() public {
        vm.startPrank(owner);
        registry.registerOracle(c);
        registry.registerOracle(a);
        registry.registerOracle(b);
        vm.stopPrank();
        address[] memory list = registry.getOracles();
        assertEq(list.length, 3);
        (address x, address y, address z) = (list[0], list[1], list[2]);
        assertEq(x, a);
        assertEq(y, b);
        assertEq(z, c);
        assertEq(registry.getLeader(), c, "the first oracle keeps leading until the window ends");
        assertTrue(registry.isOracle(a));
        assertFalse(registry.isOracle(stranger));
    }

    function test_RegisterOracles_BaseLeaderOfTheWindowLeads() public {
        _registerAll();
        // Window W0 = 20 000, 20 000 mod 3 = 2: the third oracle in address order.
        assertEq(registry.getLeader(), c);
        OracleSetView memory v = registry.getOracleSet();
        assertEq(v.oracles.length, 3);
        assertEq(v.leaderSince, T0);
    }

    function test_RegisterOracles_EmptyListLeavesTheSetEmpty() public {
        vm.prank(owner);
        registry.registerOracles(new address[](0));
        assertEq(uint8(registry.getOracleSet().status), uint8(OracleSetStatus.Empty));
    }

    function test_RevertWhen_RegisterOraclesWhileActive() public {
        _registerAll();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryWrongPhase.selector, uint8(OracleSetStatus.Active)));
        registry.registerOracles(new address[](1));
    }

    function test_RevertWhen_RegisterOraclesListsAnOracleTwiceOrZero() public {
        address[] memory list = new address[](2);
        (list[0], list[1]) = (a, a);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryAlreadyRegistered.selector, a));
        registry.registerOracles(list);
        list[1] = address(0);
        vm.prank(owner);
        vm.expectRevert(OracleRegistryZeroAddress.selector);
        registry.registerOracles(list);
    }

    function test_RevertWhen_RegisterOracleTwice() public {
        vm.startPrank(owner);
        registry.registerOracle(a);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryAlreadyRegistered.selector, a));
        registry.registerOracle(a);
        vm.stopPrank();
    }

    function test_RevertWhen_RegisterOracleIsZero() public {
        vm.prank(owner);
        vm.expectRevert(OracleRegistryZeroAddress.selector);
        registry.registerOracle(address(0));
    }

    function test_RevertWhen_RegisterOracleExceedsTheBound() public {
        uint256 max = registry.MAX_ORACLES();
        address[] memory list = new address[](max);
        for (uint256 i = 0; i < max; ++i) {
            list[i] = address(uint160(0x1000 + i));
        }
        vm.startPrank(owner);
        registry.registerOracles(list);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryTooManyOracles.selector, max));
        registry.registerOracle(address(0x9999));
        vm.stopPrank();
    }

    function test_DeregisterOracle_RemovesANonLeader() public {
        _registerAll();
        vm.expectEmit(address(registry));
        emit OracleDeregistered(a);
        vm.prank(owner);
        registry.deregisterOracle(a);
        address[] memory list = registry.getOracles();
        assertEq(list.length, 2);
        assertEq(list[0], b);
        assertFalse(registry.isOracle(a));
    }

    function test_RevertWhen_DeregisterOracleIsUnknown() public {
        _registerAll();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryUnknownOracle.selector, stranger));
        registry.deregisterOracle(stranger);
    }

    function test_RevertWhen_DeregisterTheLastOracle() public {
        vm.startPrank(owner);
        registry.registerOracle(a);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryLastOracle.selector, a));
        registry.deregisterOracle(a);
        vm.stopPrank();
    }

    function test_RevertWhen_DeregisterTheLeader() public {
        _registerAll();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryLeaderCannotLeave.selector, c, W0));
        registry.deregisterOracle(c);
    }

    function test_RevertWhen_CallsNeedAnActiveSet() public {
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryWrongPhase.selector, uint8(OracleSetStatus.Empty)));
        registry.heartbeat();
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryWrongPhase.selector, uint8(OracleSetStatus.Empty)));
        registry.rotate();
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryWrongPhase.selector, uint8(OracleSetStatus.Empty)));
        registry.tick();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryWrongPhase.selector, uint8(OracleSetStatus.Empty)));
        registry.deregisterOracle(a);
    }

    // ---- windows -------------------------------------------------------------------------------

    function test_Tick_MovesToTheNextWindowsBaseLeader() public {
        _registerAll();
        vm.warp(T0 + WINDOW_S);
        assertEq(registry.getLeader(), a, "read ahead of any write");
        vm.expectEmit(address(registry));
        emit LeaderChanged(W0 + 1, c, a, LeaderChangeReason.Window);
        registry.tick();
        OracleSetView memory v = registry.getOracleSet();
        assertEq(v.leader, a);
        assertEq(v.window, W0 + 1);
        assertEq(v.leaderSince, T0 + WINDOW_S, "from the window start");
        assertEq(registry.getCurrentWindow(), W0 + 1);
    }

    function test_Tick_WithinTheWindowChangesNothing() public {
        _registerAll();
        vm.warp(T0 + 59);
        vm.recordLogs();
        registry.tick();
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(registry.getOracleSet().window, W0);
    }

    function test_Tick_SameBaseLeaderEmitsNothing() public {
        vm.prank(owner);
        registry.registerOracle(a);
        vm.warp(T0 + WINDOW_S);
        vm.recordLogs();
        registry.tick();
        assertEq(vm.getRecordedLogs().length, 0, "one oracle leads every window");
        assertEq(registry.getOracleSet().window, W0 + 1);
    }

    function testFuzz_GetLeader_IsTheBaseLeaderOfLaterWindows(uint32 secondsLater) public {
        _registerAll();
        uint256 later = bound(secondsLater, WINDOW_S, 100 days);
        vm.warp(T0 + later);
        address[3] memory order = [a, b, c];
        uint256 window = (T0 + later) / WINDOW_S;
        assertEq(registry.getLeader(), order[window % 3]);
        registry.tick();
        assertEq(registry.getOracleSet().leader, order[window % 3]);
        assertEq(registry.getOracleSet().leaderSince, window * WINDOW_S);
    }

    // ---- heartbeats and authorization ----------------------------------------------------------

    function test_Heartbeat_OfTheLeaderCountsAsActivity() public {
        _registerAll();
        vm.warp(T0 + 10);
        vm.expectEmit(address(registry));
        emit OracleHeartbeat(c, W0);
        vm.prank(c);
        registry.heartbeat();
        assertEq(registry.getOracleSet().leaderActiveAt, T0 + 10);
    }

    function test_Heartbeat_OfAnotherOracleMovesNothing() public {
        _registerAll();
        vm.warp(T0 + 10);
        vm.prank(a);
        registry.heartbeat();
        assertEq(registry.getOracleSet().leaderActiveAt, T0);
    }

    function test_RevertWhen_HeartbeatIsNotFromAnOracle() public {
        _registerAll();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, stranger));
        registry.heartbeat();
    }

    function test_Authorize_TheLeaderIsActive() public {
        _registerAll();
        vm.warp(T0 + 7);
        _authorize(c);
        assertEq(registry.getOracleSet().leaderActiveAt, T0 + 7);
    }

    function test_RevertWhen_AuthorizeStrictNonLeader() public {
        _registerAll();
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotLeader.selector, a, c));
        registry.authorize(a);
    }

    function test_Authorize_LenientAcceptsAnyOracleWithoutActivity() public {
        _registerAll();
        vm.prank(owner);
        registry.setParams(OracleParams(60_000, 15_000, 5000, FailoverRule.Grace, 2, OracleMode.Lenient));
        vm.warp(T0 + 9);
        _authorize(a);
        assertEq(registry.getOracleSet().leaderActiveAt, T0, "only the leader's actions count");
    }

    function test_RevertWhen_AuthorizeIsNotFromAnOracle() public {
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, a));
        registry.authorize(a);
        _registerAll();
        vm.prank(module);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotOracle.selector, stranger));
        registry.authorize(stranger);
    }

    function test_RevertWhen_AuthorizeCallerIsNotAModule() public {
        _registerAll();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotModule.selector, stranger));
        registry.authorize(c);
    }

    function test_Authorize_InANewWindowFollowsItsBaseLeader() public {
        _registerAll();
        vm.warp(T0 + WINDOW_S + 1);
        _authorize(a);
        assertEq(registry.getOracleSet().leader, a);
        assertEq(registry.getOracleSet().leaderActiveAt, T0 + WINDOW_S + 1);
    }

    // ---- failover ------------------------------------------------------------------------------

    function test_Rotate_AfterGraceHandsOverToTheNextInOrder() public {
        _registerAll();
        assertEq(registry.getRotationDueAt(), T0 + 15);
        vm.warp(T0 + 15);
        vm.expectEmit(address(registry));
        emit LeaderChanged(W0, c, a, LeaderChangeReason.Failover);
        vm.prank(stranger);
        registry.rotate();
        OracleSetView memory v = registry.getOracleSet();
        assertEq(v.leader, a, "cyclically after the last oracle comes the first");
        assertEq(v.rotatedOut.length, 1);
        assertEq(v.rotatedOut[0], c);
        assertEq(v.leaderSince, T0 + 15);
    }

    function test_RevertWhen_RotateBeforeTheSilenceLimit() public {
        _registerAll();
        vm.warp(T0 + 14);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryRotationNotDue.selector, c, (T0 + 15) * 1000, (T0 + 14) * 1000));
        registry.rotate();
    }

    function test_Rotate_UnderMissedHeartbeatsWaitsTheirProduct() public {
        _registerAll();
        vm.prank(owner);
        registry.setParams(OracleParams(60_000, 15_000, 5000, FailoverRule.MissedHeartbeats, 4, OracleMode.Strict));
        assertEq(registry.getRotationDueAt(), T0 + 20);
        vm.warp(T0 + 19);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryRotationNotDue.selector, c, (T0 + 20) * 1000, (T0 + 19) * 1000));
        registry.rotate();
        vm.warp(T0 + 20);
        registry.rotate();
        assertEq(registry.getLeader(), a);
    }

    function test_RevertWhen_RotateHasNoSuccessorLeft() public {
        _registerAll();
        vm.warp(T0 + 15);
        registry.rotate(); // c → a
        vm.warp(T0 + 30);
        registry.rotate(); // a → b
        vm.warp(T0 + 45);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNoSuccessor.selector, W0));
        registry.rotate();
        assertEq(registry.getLeader(), b, "the leader stays");
    }

    function test_Rotate_ANewWindowClearsTheRotatedOut() public {
        _registerAll();
        vm.warp(T0 + 15);
        registry.rotate();
        vm.warp(T0 + WINDOW_S);
        registry.tick();
        assertEq(registry.getOracleSet().rotatedOut.length, 0);
        // Window W0+1's base leader is a; the silence counts from the window start.
        assertEq(registry.getRotationDueAt(), T0 + WINDOW_S + 15);
    }

    function test_GetRotationDueAt_ReadsALaterWindowFromItsStart() public {
        _registerAll();
        vm.warp(T0 + 2 * WINDOW_S + 3);
        assertEq(registry.getRotationDueAt(), T0 + 2 * WINDOW_S + 15);
    }

    function test_DeregisterOracle_DropsItFromTheRotatedOut() public {
        _registerAll();
        vm.warp(T0 + 15);
        registry.rotate(); // c rotated out, a leads
        vm.prank(owner);
        registry.deregisterOracle(c);
        assertEq(registry.getOracleSet().rotatedOut.length, 0);
        vm.warp(T0 + 30);
        registry.rotate(); // a → b
        assertEq(registry.getLeader(), b);
    }

    function test_AMillisecondClock_AlignsWindowsWithTheOrigin() public {
        vm.warp(5_000_000);
        OracleRegistry r = new OracleRegistry(owner, 1, 4_990_000);
        vm.prank(owner);
        r.registerOracle(a);
        // 10 000 ms after the origin: window 0 of 60 000 ms.
        assertEq(r.getCurrentWindow(), 0);
        vm.warp(4_990_000 + 60_000);
        assertEq(r.getCurrentWindow(), 1);
        assertEq(r.getRotationDueAt(), 4_990_000 + 60_000 + 15_000);
    }
}
