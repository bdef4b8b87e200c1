// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {OracleRegistry} from "../../src/OracleRegistry.sol";
import {SessionQueue} from "../../src/SessionQueue.sol";
import {IOracleRegistryErrors} from "../../src/interfaces/IOracleRegistry.sol";
import {ISessionQueueErrors, ISessionQueueEvents} from "../../src/interfaces/ISessionQueue.sol";
import {QueueModulesMock} from "../mocks/QueueModulesMock.sol";

/**
 * @dev Shared set-up for SessionQueue tests: a queue as on a real chain (one tick = one second,
 * `MS_PER_TICK` = 1000) with one session module, an OracleRegistry whose single oracle therefore
 * always leads, a mock standing in for NodePool, Session and SessionPayment (it accepts every call
 * and records it), a pool of named miners, and helpers that drive a task to a given status the
 * honest way. Times start at T0 so deadlines are easy to read (T0 + 15 is the default ack deadline
 * of 15,000 ms).
 */
abstract contract SessionQueueTestBase is Test, ISessionQueueEvents, ISessionQueueErrors, IOracleRegistryErrors {
    uint256 internal constant T0 = 1_000_000;
    uint256 internal constant MS_PER_TICK = 1000;
    uint256 internal constant SESSION = 1;
    uint256 internal constant MAX_TOKENS = 64;
    uint256 internal constant ESCROW = 3e17; // 3 miners × the default 0.1 COR

    SessionQueue internal queue;
    OracleRegistry internal registry;
    QueueModulesMock internal modules;
    address internal owner = makeAddr("owner");
    address internal oracle = makeAddr("oracle");
    address internal module = makeAddr("module");
    address internal router = makeAddr("router");
    address internal stranger = makeAddr("stranger");
    address internal m1 = makeAddr("miner1");
    address internal m2 = makeAddr("miner2");
    address internal m3 = makeAddr("miner3");
    address internal m4 = makeAddr("miner4");

    function setUp() public virtual {
        vm.warp(T0);
        queue = new SessionQueue(owner, MS_PER_TICK);
        registry = new OracleRegistry(owner, MS_PER_TICK, 0);
        modules = new QueueModulesMock();
        vm.startPrank(owner);
        registry.registerOracle(oracle);
        registry.setModule(address(queue), true);
        queue.setModules(registry, modules, modules, modules);
        queue.setSessionModule(module, true);
        vm.stopPrank();
    }

    // ---- builders ------------------------------------------------------------------------------

    function _salt(uint256 i) internal pure returns (bytes32) {
        return bytes32(i);
    }

    function _three() internal view returns (address[] memory miners) {
        miners = new address[](3);
        (miners[0], miners[1], miners[2]) = (m1, m2, m3);
    }

    function _list(address a, address b) internal pure returns (address[] memory miners) {
        miners = new address[](2);
        (miners[0], miners[1]) = (a, b);
    }

    function _enqueue(uint256 redundant) internal returns (uint256 taskId) {
        vm.prank(module);
        taskId = queue.enqueueTask(SESSION, redundant, 0, MAX_TOKENS, ESCROW, router, "prompt");
    }

    function _assign(uint256 taskId, address[] memory miners) internal {
        vm.prank(oracle);
        queue.assignTask(SESSION, taskId, miners);
    }

    function _ack(uint256 taskId, address miner) internal {
        vm.prank(miner);
        queue.ack(SESSION, taskId);
    }

    function _hash(address miner, uint256 taskId, uint256 saltIndex, string memory result) internal view returns (bytes32) {
        return queue.getMinerBoundHash(miner, SESSION, taskId, _salt(saltIndex), result);
    }

    function _precommit(uint256 taskId, address miner, bytes32 hash) internal {
        vm.prank(miner);
        queue.precommit(SESSION, taskId, hash);
    }

    function _commit(uint256 taskId, address miner, string memory result, uint256 saltIndex, uint256 tokens) internal {
        vm.prank(miner);
        queue.commit(SESSION, taskId, result, _salt(saltIndex), tokens);
    }

    function _endAck(uint256 taskId) internal {
        vm.prank(oracle);
        queue.endAck(SESSION, taskId);
    }

    function _endPrecommit(uint256 taskId) internal {
        vm.prank(oracle);
        queue.endPrecommit(SESSION, taskId);
    }

    function _endCommit(uint256 taskId) internal {
        vm.prank(oracle);
        queue.endCommit(SESSION, taskId);
    }

    function _end(uint256 taskId, bool forceEnd) internal {
        vm.prank(oracle);
        queue.end(SESSION, taskId, forceEnd);
    }

    function _validate(uint256 taskId, address[] memory miners, bool[] memory valid, int256[] memory similarities) internal {
        vm.prank(oracle);
        queue.validate(SESSION, taskId, miners, valid, similarities);
    }

    /// @dev A fresh 3-miner task, assigned, acked by all and with the ack phase closed.
    function _toAcked() internal returns (uint256 taskId) {
        taskId = _enqueue(3);
        _assign(taskId, _three());
        _ack(taskId, m1);
        _ack(taskId, m2);
        _ack(taskId, m3);
        _endAck(taskId);
    }

    /// @dev A fresh 3-miner task with every miner precommitted to "answer" (salts 1, 2, 3).
    function _toPrecommitted() internal returns (uint256 taskId) {
        taskId = _toAcked();
        address[] memory miners = _three();
        for (uint256 i = 0; i < 3; ++i) {
            _precommit(taskId, miners[i], _hash(miners[i], taskId, i + 1, "answer"));
        }
        _endPrecommit(taskId);
    }

    /// @dev A fresh 3-miner task with every miner revealed (10, 20, 30 tokens) and the commit phase closed.
    function _toCommitted() internal returns (uint256 taskId) {
        taskId = _toPrecommitted();
        _commit(taskId, m1, "answer", 1, 10);
        _commit(taskId, m2, "answer", 2, 20);
        _commit(taskId, m3, "answer", 3, 30);
        _endCommit(taskId);
    }

    /// @dev Verdict arrays for m1, m2, m3 with the given validity and a fixed similarity.
    function _verdicts(bool v1, bool v2, bool v3)
        internal
        view
        returns (address[] memory miners, bool[] memory valid, int256[] memory similarities)
    {
        miners = _three();
        valid = new bool[](3);
        (valid[0], valid[1], valid[2]) = (v1, v2, v3);
        similarities = new int256[](3);
        (similarities[0], similarities[1], similarities[2]) = (990_000, 970_000, 200_000);
    }

    function _toValidated(bool v1, bool v2, bool v3) internal returns (uint256 taskId) {
        taskId = _toCommitted();
        (address[] memory miners, bool[] memory valid, int256[] memory similarities) = _verdicts(v1, v2, v3);
        _validate(taskId, miners, valid, similarities);
    }

    function _status(uint256 taskId) internal view returns (uint8) {
        return uint8(queue.getTaskStatus(SESSION, taskId));
    }

    function _minerState(uint256 taskId, address miner) internal view returns (uint8) {
        return queue.getTaskResultState(SESSION, taskId, miner);
    }
}
