// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the owner, and only the owner, manages the allow-lists and the parameters; the defaults
// are the spec's defaults; invalid values are rejected with their range; a parameter change takes
// effect where the spec reads the parameter.
// Method: unit tests per setter (effect, event, access, range), fuzz tests over the ranges.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {OracleRegistry} from "../src/OracleRegistry.sol";
import {SessionQueue} from "../src/SessionQueue.sol";
import {INodePoolStats} from "../src/interfaces/INodePool.sol";
import {IOracleRegistry} from "../src/interfaces/IOracleRegistry.sol";
import {ISessionForQueue} from "../src/interfaces/ISession.sol";
import {ISessionPaymentQueue} from "../src/interfaces/ISessionPayment.sol";
import {QueueModulesMock} from "./mocks/QueueModulesMock.sol";
import {SessionQueueTestBase} from "./utils/SessionQueueTestBase.sol";

contract SessionQueueAdminTest is SessionQueueTestBase {
    function test_Constructor_SetsTheSpecDefaults() public view {
        // protocol/params/spec.ts: userTask.*, commitReveal.scheme, payments.*.
        Params memory p = queue.getParams();
        assertEq(p.ackDeadlineMs, 15_000);
        assertEq(p.precommitDeadlineMs, 90_000);
        assertEq(p.commitDeadlineMs, 60_000);
        assertEq(p.totalTimeoutMs, 300_000);
        assertEq(queue.msPerTick(), 1000);
        assertEq(p.maxReassignments, 1);
        assertEq(uint8(p.quorumRule), uint8(QuorumRule.Majority));
        assertEq(uint8(p.onShortage), uint8(OnShortage.Reassign));
        assertEq(uint8(p.commitScheme), uint8(CommitScheme.MinerBound));
        assertEq(uint8(p.slashing), uint8(Slashing.None));
        assertEq(p.slashBps, 1000);
        (uint256 perMiner, uint256 perToken) = queue.getPricing();
        assertEq(perMiner, 1e17);
        assertEq(perToken, 0);
        assertEq(queue.owner(), owner);
    }

    // ---- allow-lists ---------------------------------------------------------------------------

    function test_SetModules_WiresAndEmits() public {
        (address r, address p, address n, address s) = (makeAddr("r"), makeAddr("p"), makeAddr("n"), makeAddr("s"));
        vm.expectEmit(address(queue));
        emit ModulesUpdated(OracleRegistry(r), QueueModulesMock(p), QueueModulesMock(n), QueueModulesMock(s));
        vm.prank(owner);
        queue.setModules(OracleRegistry(r), QueueModulesMock(p), QueueModulesMock(n), QueueModulesMock(s));
        (IOracleRegistry r2, ISessionPaymentQueue p2, INodePoolStats n2, ISessionForQueue s2) = queue.getModules();
        assertEq(address(r2), r);
        assertEq(address(p2), p);
        assertEq(address(n2), n);
        assertEq(address(s2), s);
    }

    function test_OracleActions_FollowTheRegistry() public {
        uint256 taskId = _enqueue(1);
        address second = address(uint160(oracle) + 1);
        vm.prank(owner);
        registry.registerOracle(second);
        // Strict mode: a registered oracle that does not lead is refused with the leader named.
        address leader = registry.getLeader();
        address other = leader == oracle ? second : oracle;
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotLeader.selector, other, leader));
        queue.endAck(SESSION, taskId);
        vm.prank(owner);
        registry.setModule(address(queue), false);
        vm.prank(leader);
        vm.expectRevert(abi.encodeWithSelector(OracleRegistryNotModule.selector, address(queue)));
        queue.end(SESSION, taskId, true);
    }

    function test_SetSessionModule_AddsAndRemoves() public {
        vm.expectEmit(address(queue));
        emit SessionModuleUpdated(module, false);
        vm.prank(owner);
        queue.setSessionModule(module, false);
        assertFalse(queue.isSessionModule(module));
        vm.prank(owner);
        queue.setSessionModule(stranger, true);
        assertTrue(queue.isSessionModule(stranger));
    }

    function testFuzz_RevertWhen_SetModulesAddressIsZero(uint8 which) public {
        address[4] memory a = [makeAddr("r"), makeAddr("p"), makeAddr("n"), makeAddr("s")];
        a[bound(which, 0, 3)] = address(0);
        vm.prank(owner);
        vm.expectRevert(SessionQueueZeroAddress.selector);
        queue.setModules(OracleRegistry(a[0]), QueueModulesMock(a[1]), QueueModulesMock(a[2]), QueueModulesMock(a[3]));
    }

    function test_RevertWhen_SetSessionModuleAddressIsZero() public {
        vm.prank(owner);
        vm.expectRevert(SessionQueueZeroAddress.selector);
        queue.setSessionModule(address(0), true);
    }

    function test_RevertWhen_ASetterCallerIsNotTheOwner() public {
        bytes[8] memory calls = [
            abi.encodeCall(queue.setModules, (registry, modules, modules, modules)),
            abi.encodeCall(queue.setSessionModule, (stranger, true)),
            abi.encodeCall(queue.setDeadlines, (1000, 1000, 1000, 1000)),
            abi.encodeCall(queue.setShortagePolicy, (OnShortage.Refund, 0)),
            abi.encodeCall(queue.setQuorumRule, (QuorumRule.All)),
            abi.encodeCall(queue.setCommitScheme, (CommitScheme.Plain)),
            abi.encodeCall(queue.setSlashing, (Slashing.MissedReveal, 1)),
            abi.encodeCall(queue.setPricing, (1, 1))
        ];
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.prank(oracle);
            (bool ok, bytes memory data) = address(queue).call(calls[i]);
            assertFalse(ok);
            assertEq(data, abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, oracle));
        }
    }

    // ---- parameters ----------------------------------------------------------------------------

    function test_SetDeadlines_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit DeadlinesUpdated(1000, 86_400_000, 2000, 604_800_000);
        vm.prank(owner);
        queue.setDeadlines(1000, 86_400_000, 2000, 604_800_000);
        Params memory p = queue.getParams();
        assertEq(p.ackDeadlineMs, 1000);
        assertEq(p.precommitDeadlineMs, 86_400_000);
        assertEq(p.commitDeadlineMs, 2000);
        assertEq(p.totalTimeoutMs, 604_800_000);
        assertEq(p.maxReassignments, 1, "other fields untouched");
    }

    function testFuzz_RevertWhen_SetDeadlinesValueIsOutOfRange(uint8 which, uint32 value) public {
        which = uint8(bound(which, 0, 3));
        uint256 max = which == 3 ? 604_800_000 : 86_400_000;
        value = uint32(value % 2 == 0 ? 0 : bound(value, max + 1, type(uint32).max));
        uint32[4] memory args = [uint32(15_000), 90_000, 60_000, 300_000];
        args[which] = value;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidDeadline.selector, value, 1, max));
        queue.setDeadlines(args[0], args[1], args[2], args[3]);
    }

    function testFuzz_RevertWhen_SetDeadlinesValueIsNotAWholeSecond(uint8 which, uint32 value) public {
        which = uint8(bound(which, 0, 3));
        value = uint32(bound(value, 1, 86_400_000));
        value = value % 1000 == 0 ? value - 1 : value; // never 0: value ≥ 1000 when divisible
        uint32[4] memory args = [uint32(15_000), 90_000, 60_000, 300_000];
        args[which] = value;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlineNotWholeTicks.selector, value, 1000));
        queue.setDeadlines(args[0], args[1], args[2], args[3]);
    }

    function test_SetShortagePolicy_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit ShortagePolicyUpdated(OnShortage.Refund, 100);
        vm.prank(owner);
        queue.setShortagePolicy(OnShortage.Refund, 100);
        assertEq(uint8(queue.getParams().onShortage), uint8(OnShortage.Refund));
        assertEq(queue.getParams().maxReassignments, 100);
    }

    function test_RevertWhen_SetShortagePolicyAllowsMoreThan100Reassignments() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidMaxReassignments.selector, 101, 100));
        queue.setShortagePolicy(OnShortage.Reassign, 101);
    }

    function test_SetQuorumRule_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit QuorumRuleUpdated(QuorumRule.One);
        vm.prank(owner);
        queue.setQuorumRule(QuorumRule.One);
        assertEq(uint8(queue.getParams().quorumRule), uint8(QuorumRule.One));
    }

    function test_SetCommitScheme_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit CommitSchemeUpdated(CommitScheme.Plain);
        vm.prank(owner);
        queue.setCommitScheme(CommitScheme.Plain);
        assertEq(uint8(queue.getParams().commitScheme), uint8(CommitScheme.Plain));
    }

    function test_SetSlashing_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit SlashingUpdated(Slashing.MissedReveal, 10_000);
        vm.prank(owner);
        queue.setSlashing(Slashing.MissedReveal, 10_000);
        assertEq(uint8(queue.getParams().slashing), uint8(Slashing.MissedReveal));
        assertEq(queue.getParams().slashBps, 10_000);
    }

    function test_RevertWhen_SetSlashingBpsExceeds10000() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidBps.selector, 10_001));
        queue.setSlashing(Slashing.MissedReveal, 10_001);
    }

    function test_SetPricing_StoresAndEmits() public {
        vm.expectEmit(address(queue));
        emit PricingUpdated(7, 3);
        vm.prank(owner);
        queue.setPricing(7, 3);
        (uint256 perMiner, uint256 perToken) = queue.getPricing();
        assertEq(perMiner, 7);
        assertEq(perToken, 3);
    }

    function test_SetDeadlines_AppliesToThePhaseOpenedNextNotToTheOpenOne() public {
        uint256 taskId = _enqueue(3);
        _assign(taskId, _three());
        vm.prank(owner);
        queue.setDeadlines(5000, 7000, 9000, 300_000);
        assertEq(queue.getTask(SESSION, taskId).phaseDeadline, T0 + 15, "the open ack phase keeps its deadline");
        _ack(taskId, m1);
        _ack(taskId, m2);
        _ack(taskId, m3);
        _endAck(taskId);
        assertEq(queue.getTask(SESSION, taskId).phaseDeadline, T0 + 7, "the precommit phase uses the new one");
    }

    function test_TransferOwnership_TakesTwoSteps() public {
        vm.prank(owner);
        queue.transferOwnership(stranger);
        assertEq(queue.owner(), owner, "pending until accepted");
        vm.prank(stranger);
        queue.acceptOwnership();
        assertEq(queue.owner(), stranger);
    }

    function test_Constructor_RejectsAZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new SessionQueue(address(0), 1000);
    }

    function test_RevertWhen_ConstructorTimeUnitIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(SessionQueueInvalidTimeUnit.selector, 0));
        new SessionQueue(owner, 0);
    }

    function test_RevertWhen_ConstructorTimeUnitDoesNotDivideTheDefaults() public {
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlineNotWholeTicks.selector, 15_000, 7000));
        new SessionQueue(owner, 7000);
    }

    // ---- pure helpers --------------------------------------------------------------------------

    function test_IsActionAllowed_ExposesTheTable() public view {
        assertTrue(queue.isActionAllowed(TaskStatus.Queued, TaskAction.Assign));
        assertFalse(queue.isActionAllowed(TaskStatus.Queued, TaskAction.Ack));
        assertFalse(queue.isActionAllowed(TaskStatus.Ended, TaskAction.End));
    }

    function testFuzz_GetHashAndVerifyHash_AreThePlainKeccak(string calldata result, bytes32 other) public view {
        bytes32 h = queue.getHash(result);
        assertEq(h, keccak256(bytes(result)));
        assertTrue(queue.verifyHash(result, h));
        assertEq(queue.verifyHash(result, other), other == h);
    }
}
