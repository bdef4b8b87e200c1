// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: deployed with one tick per millisecond (msPerTick = 1), the queue keeps the spec's
// millisecond clock exactly, so conformance vectors replay their ±1 ms deadline edges as written;
// deployed with msPerTick = 1000, the same millisecond parameters become deadlines in seconds.
// Method: run the ack phase of a task on each deployment and probe the deadline at −1, 0 and +1
// tick.

import {Test} from "forge-std/Test.sol";
import {OracleRegistry} from "../src/OracleRegistry.sol";
import {SessionQueue} from "../src/SessionQueue.sol";
import {ISessionQueueErrors} from "../src/interfaces/ISessionQueue.sol";
import {QueueModulesMock} from "./mocks/QueueModulesMock.sol";

contract SessionQueueTimeUnitTest is Test, ISessionQueueErrors {
    uint256 internal constant T0 = 5_000_000;
    address internal owner = makeAddr("owner");
    address internal oracle = makeAddr("oracle");
    address internal module = makeAddr("module");
    address internal m1 = makeAddr("miner1");
    address internal m2 = makeAddr("miner2");

    function test_MillisecondTicks_KeepTheSpecDeadlineEdges() public {
        (SessionQueue queue, uint256 taskId) = _assignedTask(1);
        assertEq(queue.getTask(1, taskId).phaseDeadline, T0 + 15_000, "ack deadline 15,000 ms after assignment");
        vm.warp(T0 + 15_000);
        vm.prank(m1);
        queue.ack(1, taskId); // at the deadline: in time
        vm.warp(T0 + 14_999);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionQueuePhaseNotOver.selector, 1, taskId, 1, T0 + 15_000));
        queue.endAck(1, taskId);
        vm.warp(T0 + 15_001);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, 1, taskId, m2, T0 + 15_000));
        queue.ack(1, taskId);
    }

    function test_SecondTicks_TurnTheSameParametersIntoSeconds() public {
        (SessionQueue queue, uint256 taskId) = _assignedTask(1000);
        assertEq(queue.getTask(1, taskId).phaseDeadline, T0 + 15, "ack deadline 15 s after assignment");
        vm.warp(T0 + 16);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(SessionQueueDeadlinePassed.selector, 1, taskId, m1, T0 + 15));
        queue.ack(1, taskId);
    }

    function test_MillisecondTicks_AcceptDeadlinesThatAreNotWholeSeconds() public {
        SessionQueue queue = new SessionQueue(owner, 1);
        vm.prank(owner);
        queue.setDeadlines(1, 1501, 999, 300_001);
        assertEq(queue.getParams().precommitDeadlineMs, 1501);
    }

    function _assignedTask(uint256 msPerTick) private returns (SessionQueue queue, uint256 taskId) {
        vm.warp(T0);
        queue = new SessionQueue(owner, msPerTick);
        OracleRegistry registry = new OracleRegistry(owner, msPerTick, 0);
        QueueModulesMock modules = new QueueModulesMock();
        vm.startPrank(owner);
        registry.registerOracle(oracle);
        registry.setModule(address(queue), true);
        queue.setModules(registry, modules, modules, modules);
        queue.setSessionModule(module, true);
        vm.stopPrank();
        vm.prank(module);
        taskId = queue.enqueueTask(1, 2, 0, 16, 0, address(0), "p");
        address[] memory miners = new address[](2);
        (miners[0], miners[1]) = (m1, m2);
        vm.prank(oracle);
        queue.assignTask(1, taskId, miners);
    }
}
