// SPDX-License-Identifier: MIT
// contracts/src/NodePoolConfig.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ChainClock} from "./ChainClock.sol";
import {INodePoolErrors, INodePoolEvents} from "./interfaces/INodePool.sol";
import {ISessionForPool} from "./interfaces/ISession.sol";
import {ISessionPaymentStake} from "./interfaces/ISessionPayment.sol";
import {ReputationRules} from "./libraries/ReputationRules.sol";

/**
 * @dev NodePool's parameters and modules. The owner (the ACL administrator) sets the node,
 * eligibility, level and reservation parameters (defaults and ranges are the spec's; rates in
 * ppm) and wires the modules: Session (reservations, dedications, task counts), SessionQueue and
 * Cognitive (NodeStats), Cognitive (round outcomes, pings relayed) and SessionPayment (stakes).
 *
 * The eligibility window's geometry (`eligibility.windowMs` and `eligibility.windowBuckets`) is
 * fixed at deployment: every node's ring of buckets is laid out by it.
 */
abstract contract NodePoolConfig is ChainClock, Ownable2Step, INodePoolEvents, INodePoolErrors {
    uint256 internal constant _DAY_MS = 86_400_000;
    /// @dev Model ids are the spec's non-negative safe integers.
    uint256 internal constant _MAX_SAFE_INTEGER = 2 ** 53 - 1;

    uint8 private constant _F_PING = 0;
    uint8 private constant _F_OFFLINE = 1;
    uint8 private constant _F_MODELS = 2;
    uint8 private constant _F_DEDICATED = 3;
    uint8 private constant _F_MIN_ATTEMPTS = 4;
    uint8 private constant _F_MIN_RATE = 5;
    uint8 private constant _F_MIN_CONSECUTIVE = 6;
    uint8 private constant _F_REVALIDATION = 7;
    uint8 private constant _F_BASE_CONSECUTIVE = 9;
    uint8 private constant _F_STEP_CONSECUTIVE = 10;
    uint8 private constant _F_BASE_RATE = 11;
    uint8 private constant _F_STEP_RATE = 12;
    uint8 private constant _F_DOWNGRADE = 13;
    uint8 private constant _F_MAX_RESERVE = 14;
    uint8 private constant _F_MAX_TASKS = 15;
    uint8 private constant _F_WINDOW = 16;
    uint8 private constant _F_BUCKETS = 17;

    uint256 private immutable _windowMs;
    uint256 private immutable _windowBuckets;
    uint256 private immutable _bucketMs;

    NodeParams private _params;
    address private _sessionModule;
    address private _queueModule;
    address private _cognitiveModule;
    ISessionPaymentStake private _payment;

    modifier onlySessionModule() {
        if (msg.sender != _sessionModule) revert NodePoolNotModule(msg.sender);
        _;
    }

    modifier onlyCognitive() {
        if (msg.sender != _cognitiveModule) revert NodePoolNotModule(msg.sender);
        _;
    }

    modifier onlyStatsModule() {
        if (msg.sender != _queueModule && msg.sender != _cognitiveModule) revert NodePoolNotModule(msg.sender);
        _;
    }

    /**
     * @dev `windowMs` in [1 ms, 365 days] and `windowBuckets` in [1, 10,000] (the spec's ranges;
     * defaults 7 days and 28). The other parameters start at the spec's defaults.
     */
    constructor(address initialOwner, uint256 msPerTick_, uint256 originTick_, uint256 windowMs, uint256 windowBuckets)
        ChainClock(msPerTick_, originTick_)
        Ownable(initialOwner)
    {
        if (windowMs == 0 || windowMs > 365 * _DAY_MS) revert NodePoolInvalidParam(_F_WINDOW, windowMs);
        if (windowBuckets == 0 || windowBuckets > 10_000) revert NodePoolInvalidParam(_F_BUCKETS, windowBuckets);
        _windowMs = windowMs;
        _windowBuckets = windowBuckets;
        _bucketMs = ReputationRules.computeBucketMs(windowMs, windowBuckets);
        _setParams(NodeParams({
            pingIntervalMs: 60_000,
            offlineAfterMissedPings: 3,
            maxModels: 66,
            maxDedicatedSessions: 8,
            minAttempts: 20,
            minSuccessRatePpm: 600_000,
            minConsecutiveSuccesses: 3,
            revalidationRounds: 1,
            poolExit: PoolExit.Never,
            levelsMax: 10,
            baseConsecutive: 3,
            stepConsecutive: 1,
            baseSuccessRatePpm: 600_000,
            stepSuccessRatePpm: 30_000,
            downgradeFailureStreak: 3,
            releaseRule: ReleaseRule.FirstOf,
            maxReservePeriodMs: 86_400_000,
            maxTaskExecutionCountCap: 1000,
            minStake: 10_000e18
        }));
    }

    /**
     * @notice Wires the modules (see the contract's description).
     * @dev Requirements: the caller is the owner; no address is zero. Emits {NodePoolModulesUpdated}.
     */
    function setModules(address session, address queue, address cognitive, ISessionPaymentStake payment) external onlyOwner {
        if (session == address(0) || queue == address(0) || cognitive == address(0) || address(payment) == address(0)) {
            revert NodePoolZeroAddress();
        }
        (_sessionModule, _queueModule, _cognitiveModule, _payment) = (session, queue, cognitive, payment);
        emit NodePoolModulesUpdated(session, queue, cognitive, address(payment));
    }

    /**
     * @notice Sets the node machine's parameters.
     * @dev Requirements: the caller is the owner; every field in the spec's range (rates ≤ 1e6
     * ppm). Emits {NodePoolParamsUpdated}.
     */
    function setParams(NodeParams calldata params) external onlyOwner {
        _setParams(params);
    }

    function getParams() external view returns (NodeParams memory) {
        return _params;
    }

    function getModules() external view returns (address session, address queue, address cognitive, address payment) {
        return (_sessionModule, _queueModule, _cognitiveModule, address(_payment));
    }

    /// @notice The eligibility window: its length, its number of buckets and one bucket's length (ms).
    function getWindowGeometry() external view returns (uint256 windowMs, uint256 buckets, uint256 bucketMs) {
        return (_windowMs, _windowBuckets, _bucketMs);
    }

    /**
     * @notice The bounds a session's config must respect that the node machine also checks:
     * `levels.max` (SLA), `session.maxReservePeriodMs` and `session.maxTaskExecutionCountCap`.
     */
    function getSessionLimits() external view returns (uint256 levelsMax, uint256 maxReservePeriodMs, uint256 maxTaskExecutionCountCap) {
        NodeParams storage p = _params;
        return (p.levelsMax, p.maxReservePeriodMs, p.maxTaskExecutionCountCap);
    }

    // ---- internal ------------------------------------------------------------------------------

    function _p() internal view returns (NodeParams storage) {
        return _params;
    }

    function _sessionCallback() internal view returns (ISessionForPool) {
        return ISessionForPool(_sessionModule);
    }

    function _stakeOf(address node) internal view returns (uint256) {
        return _payment.stakeOf(node);
    }

    function _buckets() internal view returns (uint256) {
        return _windowBuckets;
    }

    /// @dev The absolute bucket of spec time `ms` (`bucketOf`).
    function _bucketOf(uint256 ms) internal view returns (uint256) {
        return ms / _bucketMs;
    }

    function _setParams(NodeParams memory p) private {
        _checkRange(_F_PING, p.pingIntervalMs, 1, _DAY_MS);
        _checkRange(_F_OFFLINE, p.offlineAfterMissedPings, 1, 1000);
        _checkRange(_F_MODELS, p.maxModels, 1, 1024);
        _checkRange(_F_DEDICATED, p.maxDedicatedSessions, 0, 1000);
        _checkRange(_F_MIN_ATTEMPTS, p.minAttempts, 0, 100_000);
        _checkRange(_F_MIN_RATE, p.minSuccessRatePpm, 0, ReputationRules.PPM);
        _checkRange(_F_MIN_CONSECUTIVE, p.minConsecutiveSuccesses, 0, 10_000);
        _checkRange(_F_REVALIDATION, p.revalidationRounds, 0, 100);
        _checkRange(_F_BASE_CONSECUTIVE, p.baseConsecutive, 1, 10_000);
        _checkRange(_F_STEP_CONSECUTIVE, p.stepConsecutive, 0, 10_000);
        _checkRange(_F_BASE_RATE, p.baseSuccessRatePpm, 0, ReputationRules.PPM);
        _checkRange(_F_STEP_RATE, p.stepSuccessRatePpm, 0, ReputationRules.PPM);
        _checkRange(_F_DOWNGRADE, p.downgradeFailureStreak, 1, 10_000);
        _checkRange(_F_MAX_RESERVE, p.maxReservePeriodMs, 1, 365 * _DAY_MS);
        _checkRange(_F_MAX_TASKS, p.maxTaskExecutionCountCap, 1, 1_000_000);
        _params = p;
        emit NodePoolParamsUpdated(p);
    }

    function _checkRange(uint8 field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert NodePoolInvalidParam(field, value);
    }
}
