// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {INodePoolStats, INodePoolTypes} from "../../src/interfaces/INodePool.sol";
import {ISessionForQueue} from "../../src/interfaces/ISession.sol";
import {ISessionPaymentQueue} from "../../src/interfaces/ISessionPayment.sol";

/**
 * @dev Stands in for NodePool, Session and SessionPayment in SessionQueue's unit tests: accepts
 * every call and records what the queue asked for, so the queue can be tested alone and its
 * effects checked call by call. The real modules are tested together in the system tests.
 * `assignable` can be turned off to make `checkAssignable` refuse (as Session does for a miner
 * that is not one of the session's nodes).
 */
contract QueueModulesMock is INodePoolStats, ISessionForQueue, ISessionPaymentQueue {
    struct StatCall {
        address node;
        Metric metric;
        bool success;
    }

    struct SettleCall {
        uint256 sessionId;
        uint256 taskId;
        uint256 charge;
        address[] miners;
        address[] validators;
        address router;
    }

    error QueueModulesMockNotAssignable(address miner);

    bool public assignable = true;
    StatCall[] internal _stats;
    SettleCall[] internal _settles;
    uint256[2][] internal _refunds;
    address[] internal _slashed;
    uint16 public lastSlashBps;
    address[] internal _executed;
    uint256 public executedCalls;

    function setAssignable(bool value) external {
        assignable = value;
    }

    // ---- NodePool ----
    function recordStat(address node, Metric metric, bool success) external returns (bool) {
        _stats.push(StatCall(node, metric, success));
        return true;
    }

    // ---- Session ----
    function checkAssignable(uint256, address[] calldata miners) external view {
        if (!assignable) revert QueueModulesMockNotAssignable(miners.length > 0 ? miners[0] : address(0));
    }

    function recordTaskExecuted(uint256, address[] calldata miners) external {
        ++executedCalls;
        for (uint256 i = 0; i < miners.length; ++i) {
            _executed.push(miners[i]);
        }
    }

    // ---- SessionPayment ----
    function payFromSessionToNetwork(
        uint256 sessionId,
        uint256 taskId,
        uint256 charge,
        address[] calldata miners,
        address[] calldata validators,
        address router
    ) external {
        _settles.push(SettleCall(sessionId, taskId, charge, miners, validators, router));
    }

    function refundTask(uint256 sessionId, uint256 taskId) external {
        _refunds.push([sessionId, taskId]);
    }

    function slash(address node, uint16 bps, SlashReason) external {
        _slashed.push(node);
        lastSlashBps = bps;
    }

    // ---- reads for tests ----
    function statCount() external view returns (uint256) {
        return _stats.length;
    }

    function statAt(uint256 i) external view returns (StatCall memory) {
        return _stats[i];
    }

    /// @dev How many recorded attempts of `metric` by `node` had outcome `success`.
    function countStats(address node, INodePoolTypes.Metric metric, bool success) external view returns (uint256 count) {
        for (uint256 i = 0; i < _stats.length; ++i) {
            StatCall memory s = _stats[i];
            if (s.node == node && s.metric == metric && s.success == success) ++count;
        }
    }

    function settleCount() external view returns (uint256) {
        return _settles.length;
    }

    function settleAt(uint256 i) external view returns (SettleCall memory) {
        return _settles[i];
    }

    function refundCount() external view returns (uint256) {
        return _refunds.length;
    }

    function refundAt(uint256 i) external view returns (uint256 sessionId, uint256 taskId) {
        return (_refunds[i][0], _refunds[i][1]);
    }

    function slashed() external view returns (address[] memory) {
        return _slashed;
    }

    function executed() external view returns (address[] memory) {
        return _executed;
    }
}
