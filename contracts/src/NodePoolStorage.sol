// SPDX-License-Identifier: MIT
// contracts/src/NodePoolStorage.sol (phase 2)
pragma solidity ^0.8.24;

import {NodePoolConfig} from "./NodePoolConfig.sol";

/**
 * @dev Node records and their reads: `NodeState` of `protocol/node/types.ts` with times in ticks
 * (0 = unset) and the integer parts of the node's reputation (NodeStats counters and points per
 * metric, the cognitive record with its ring of eligibility buckets, the level standing). The
 * decayed floating-point score of the spec is computed off chain from the same events.
 *
 * Every list a node holds is bounded by a parameter (`node.maxModels`,
 * `node.maxDedicatedSessions`, `eligibility.windowBuckets`), so a node's state does not grow with
 * its history.
 */
abstract contract NodePoolStorage is NodePoolConfig {
    struct NodeRecord {
        NodeStatus status;
        bool online;
        uint32 statusSeq;
        uint32 missedPings;
        uint64 statusSince;
        uint64 registeredAt;
        uint64 updatedAt;
        uint64 lastPingAt;
        // Reserved: the reservation's terms and progress.
        uint64 reservedAt;
        uint32 tasksExecuted;
        uint32 maxTaskExecutionCount;
        uint64 reservePeriodMs;
        uint256 sessionId;
        // PendingRevalidation.
        uint64 releasedAt;
        uint32 passedRounds;
        // The duplicate guard of cognitive outcomes (`lastRoundId` + 1, 0: none; 32-round mask).
        uint64 lastRoundIdPlusOne;
        uint32 roundsSeenMask;
        uint256[] models;
        uint256[] dedicatedSessions;
        mapping(uint256 modelId => bool) serves;
    }

    /// @dev NodeStats of one metric: lifetime attempts (`counter`) and successes (`points`).
    struct MetricStats {
        uint64 counter;
        uint64 points;
    }

    /// @dev `CognitiveRecord` with the window's head bucket and totals (the ring is `_buckets`).
    struct CognitiveRecord {
        uint32 attempts;
        uint32 successes;
        uint32 successStreak;
        uint32 failureStreak;
        uint64 headBucket;
        uint32 windowAttempts;
        uint32 windowSuccesses;
    }

    struct Bucket {
        uint32 attempts;
        uint32 successes;
    }

    struct LevelRecord {
        uint8 level;
        uint32 successStreak;
        uint32 failureStreak;
        uint64 changedAt;
    }

    mapping(address node => NodeRecord) internal _nodes;
    mapping(address node => mapping(Metric => MetricStats)) internal _metrics;
    mapping(address node => CognitiveRecord) internal _cognitive;
    mapping(address node => mapping(uint256 slot => Bucket)) internal _ring;
    mapping(address node => LevelRecord) internal _levels;

    // ---- reads ---------------------------------------------------------------------------------

    /// @notice The node's lifecycle state (the observable projection of `NodeState`).
    function getNode(address node) external view returns (NodeView memory v) {
        NodeRecord storage n = _nodes[node];
        v.status = n.status;
        v.statusSeq = n.statusSeq;
        v.statusSince = n.statusSince;
        v.registeredAt = n.registeredAt;
        v.updatedAt = n.updatedAt;
        v.online = n.online;
        v.lastPingAt = n.lastPingAt;
        v.missedPings = n.missedPings;
        v.models = n.models;
        v.dedicatedSessions = n.dedicatedSessions;
        if (n.status == NodeStatus.Reserved) {
            (v.sessionId, v.reservedAt, v.tasksExecuted) = (n.sessionId, n.reservedAt, n.tasksExecuted);
            (v.reservePeriodMs, v.maxTaskExecutionCount) = (n.reservePeriodMs, n.maxTaskExecutionCount);
        }
        if (n.status == NodeStatus.PendingRevalidation) (v.releasedAt, v.passedRounds) = (n.releasedAt, n.passedRounds);
        v.lastRoundId = int256(uint256(n.lastRoundIdPlusOne)) - 1;
        v.roundsSeenMask = n.roundsSeenMask;
    }

    function getStatus(address node) external view returns (NodeStatus) {
        return _nodes[node].status;
    }

    /// @notice NodeStats in `METRICS` order: attempts (`counter`) and successes (`points`) per metric.
    function getMetrics(address node) external view returns (uint64[10] memory counters, uint64[10] memory points) {
        for (uint256 i = 0; i < 10; ++i) {
            MetricStats storage m = _metrics[node][Metric(i)];
            (counters[i], points[i]) = (m.counter, m.points);
        }
    }

    /// @notice The integer reputation: cognitive record and level standing.
    function getReputation(address node) external view returns (ReputationView memory v) {
        CognitiveRecord storage c = _cognitive[node];
        LevelRecord storage l = _levels[node];
        (v.attempts, v.successes, v.successStreak, v.failureStreak) = (c.attempts, c.successes, c.successStreak, c.failureStreak);
        (v.headBucket, v.windowTotalAttempts, v.windowTotalSuccesses) = (c.headBucket, c.windowAttempts, c.windowSuccesses);
        (v.level, v.levelSuccessStreak, v.levelFailureStreak, v.levelChangedAt) =
            (l.level, l.successStreak, l.failureStreak, l.changedAt);
    }

    function getLevel(address node) external view returns (uint8) {
        return _levels[node].level;
    }

    /// @notice Cognitive attempts and successes inside the eligibility window now (`getWindowCounts`).
    function getWindowCounts(address node) external view returns (uint256 attempts, uint256 successes) {
        return _windowCounts(node);
    }

    /// @notice Is the node online now (flag and clock: `isOnlineAt`)? False for an unregistered node.
    function isOnline(address node) external view returns (bool) {
        NodeRecord storage n = _nodes[node];
        return n.status != NodeStatus.Unregistered && _isOnlineNow(n);
    }

    function servesModel(address node, uint256 modelId) external view returns (bool) {
        return _nodes[node].serves[modelId];
    }

    /**
     * @notice Why `node` cannot be picked now for a session of `modelId` at SLA `minLevel`
     * (`checkSelectable`), or None. A node dedicated to or reserved by `sessionId` (0: none) skips
     * the pool check; model, level and stake still apply.
     */
    function checkSelectable(address node, uint256 modelId, uint256 minLevel, uint256 sessionId)
        public
        view
        returns (NotSelectableReason)
    {
        NodeRecord storage n = _nodes[node];
        NodeStatus s = n.status;
        if (s == NodeStatus.Unregistered) return NotSelectableReason.NotRegistered;
        if (s == NodeStatus.Banned) return NotSelectableReason.NodeBanned;
        if (!_isOnlineNow(n)) return NotSelectableReason.NodeOffline;
        if (s != NodeStatus.Available && !_isSessionOwnNode(n, sessionId)) {
            return s == NodeStatus.Reserved ? NotSelectableReason.NodeReserved : NotSelectableReason.NodeNotAvailable;
        }
        if (!n.serves[modelId]) return NotSelectableReason.ModelNotServed;
        if (_levels[node].level < minLevel) return NotSelectableReason.LevelTooLow;
        if (_stakeOf(node) < _p().minStake) return NotSelectableReason.StakeTooLow;
        return NotSelectableReason.None;
    }

    /**
     * @notice {checkSelectable} as a check: reverts with the error of the reason (Session's
     * `assignNodes` uses it, so its rejection is the spec's code).
     */
    function requireSelectable(address node, uint256 modelId, uint256 minLevel, uint256 sessionId) external view {
        NotSelectableReason reason = checkSelectable(node, modelId, minLevel, sessionId);
        if (reason == NotSelectableReason.None) return;
        if (reason == NotSelectableReason.NotRegistered) revert NodePoolUnknownNode(node);
        if (reason == NotSelectableReason.NodeBanned) revert NodePoolNodeBanned(node);
        if (reason == NotSelectableReason.NodeOffline) revert NodePoolNodeOffline(node);
        if (reason == NotSelectableReason.NodeReserved) revert NodePoolNodeReserved(node, _nodes[node].sessionId);
        if (reason == NotSelectableReason.NodeNotAvailable) revert NodePoolNodeNotAvailable(node, _nodes[node].status);
        if (reason == NotSelectableReason.ModelNotServed) revert NodePoolModelNotServed(node, modelId);
        if (reason == NotSelectableReason.LevelTooLow) revert NodePoolLevelTooLow(node, _levels[node].level, minLevel);
        revert NodePoolStakeTooLow(node, _stakeOf(node), _p().minStake);
    }

    /**
     * @notice The assignment check of a registered node (the world's `checkAssignable`): not banned
     * and online. An unregistered address passes; Session's membership check refuses it.
     */
    function requireAssignable(address node) external view {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) return;
        if (n.status == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        if (!_isOnlineNow(n)) revert NodePoolNodeOffline(node);
    }

    /**
     * @notice The network-task eligibility of a miner (the world's `checkNetworkEligible` without
     * the cooldown, which Cognitive keeps): registered, not banned, online.
     */
    function requireNetworkEligible(address node) external view {
        NodeRecord storage n = _nodes[node];
        if (n.status == NodeStatus.Unregistered) revert NodePoolUnknownNode(node);
        if (n.status == NodeStatus.Banned) revert NodePoolNodeBanned(node);
        if (!_isOnlineNow(n)) revert NodePoolNodeOffline(node);
    }

    /**
     * @notice The session holding the node's reservation (0: not reserved) and the reason a release
     * is due now, if one is (`getDueReleaseReason`: the period first, then the task count under
     * `firstOf`).
     */
    function getReservation(address node) external view returns (uint256 sessionId, bool due, ReleaseReason reason) {
        NodeRecord storage n = _nodes[node];
        if (n.status != NodeStatus.Reserved) return (0, false, ReleaseReason.Period);
        (due, reason) = _dueReleaseReason(n);
        return (n.sessionId, due, reason);
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev Moves `n` to `to`: a new status bumps `statusSeq` and emits {NodeStatusChanged}.
    function _moveTo(address node, NodeRecord storage n, NodeStatus to) internal {
        NodeStatus from = n.status;
        if (from == to) return;
        n.status = to;
        ++n.statusSeq;
        n.statusSince = _nowTick();
        emit NodeStatusChanged(node, from, to);
    }

    function _nowTick() internal view returns (uint64) {
        return uint64(block.timestamp);
    }

    /// @dev Whole ping intervals since the last ping (`computeMissedPings`).
    function _missedPingsNow(NodeRecord storage n) internal view returns (uint256) {
        uint256 lastMs = _msAt(n.lastPingAt);
        uint256 nowMs = _nowMs();
        return nowMs <= lastMs ? 0 : (nowMs - lastMs) / _p().pingIntervalMs;
    }

    /// @dev `isOnlineAt(now)`: the flag and the clock, so a node not checked lately is not taken for live.
    function _isOnlineNow(NodeRecord storage n) internal view returns (bool) {
        return n.online && _missedPingsNow(n) < _p().offlineAfterMissedPings;
    }

    function _dueReleaseReason(NodeRecord storage n) internal view returns (bool, ReleaseReason) {
        if (_nowMs() >= _msAt(n.reservedAt) + n.reservePeriodMs) return (true, ReleaseReason.Period);
        if (_p().releaseRule == ReleaseRule.FirstOf && n.tasksExecuted >= n.maxTaskExecutionCount) {
            return (true, ReleaseReason.TaskCount);
        }
        return (false, ReleaseReason.Period);
    }

    function _isDedicatedTo(NodeRecord storage n, uint256 sessionId) internal view returns (bool) {
        return _indexOfSession(n, sessionId) < n.dedicatedSessions.length;
    }

    /// @dev Position of `sessionId` in the node's dedicated sessions (the length when absent).
    function _indexOfSession(NodeRecord storage n, uint256 sessionId) internal view returns (uint256 i) {
        uint256 count = n.dedicatedSessions.length;
        while (i < count && n.dedicatedSessions[i] != sessionId) ++i;
    }

    /// @dev Cognitive attempts and successes in the window now: the totals minus the expired buckets.
    function _windowCounts(address node) internal view returns (uint256 attempts, uint256 successes) {
        CognitiveRecord storage c = _cognitive[node];
        (attempts, successes) = (c.windowAttempts, c.windowSuccesses);
        uint256 size = _buckets();
        uint256 current = _bucketOf(_nowMs());
        if (current <= c.headBucket) return (attempts, successes);
        uint256 expired = current - c.headBucket;
        if (expired > size) expired = size;
        // The buckets that fell out are the oldest of the ring: the slots right after the head.
        for (uint256 i = 1; i <= expired; ++i) {
            Bucket storage b = _ring[node][(c.headBucket + i) % size];
            attempts -= b.attempts;
            successes -= b.successes;
        }
    }

    function _isSessionOwnNode(NodeRecord storage n, uint256 sessionId) private view returns (bool) {
        if (sessionId == 0) return false;
        if (n.status == NodeStatus.Reserved && n.sessionId == sessionId) return true;
        return _isDedicatedTo(n, sessionId);
    }
}
